import { Body, Controller, Get, HttpCode, Ip, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AuthContext, CurrentAuth, NoApiKey, RequireWorkspaceRole } from '../auth/auth-context';
import { AppError } from '../common/errors/app-error';
import { CreateApiKeyDto } from './dto/api-key.dto';
import { ApiKeysService } from './services/api-keys.service';

// A malformed id is a key that does not exist, like another workspace's.
const keyIdPipe = new ParseUUIDPipe({ exceptionFactory: () => new AppError('API_KEY_NOT_FOUND') });

/** Workspace admins — people, never a key, whatever its scopes — manage the workspace's API keys. */
@ApiTags('api-keys')
@ApiBearerAuth()
@RequireWorkspaceRole('admin')
@NoApiKey()
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  list(@CurrentAuth() auth: AuthContext) {
    return this.keys.list(auth.workspaceId);
  }

  /** Answers the secret (`secret`) this once; only its hash is kept. */
  @Post()
  create(@CurrentAuth() auth: AuthContext, @Body() body: CreateApiKeyDto, @Ip() ip: string) {
    return this.keys.create({ userId: auth.userId, workspaceId: auth.workspaceId, ip }, body);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  revoke(@CurrentAuth() auth: AuthContext, @Param('id', keyIdPipe) id: string, @Ip() ip: string) {
    return this.keys.revoke({ userId: auth.userId, workspaceId: auth.workspaceId, ip }, id);
  }
}
