import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  Ip,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { ApiKeyScope, type AuthContext, CurrentAuth, RequireWorkspaceRole } from '../auth/auth-context';
import { AppError } from '../common/errors/app-error';
import { localeFromHeader } from '../common/http/locale';
import { AppsService } from './apps.service';
import { toAppSummary } from './app-summary';
import { ImportQueryDto } from './dto/import-query.dto';

@ApiTags('apps')
@ApiBearerAuth()
@Controller('apps')
export class AppsController {
  constructor(private readonly apps: AppsService) {}

  @Get()
  list(@CurrentAuth() auth: AuthContext) {
    return this.apps.list(auth.workspaceId);
  }

  @Post('import')
  @HttpCode(200)
  @ApiBody({ description: 'An app definition (docs/app-definition.md).', schema: { type: 'object' } })
  async import(
    @CurrentAuth() auth: AuthContext,
    @Query() query: ImportQueryDto,
    @Body() body: unknown,
    @Ip() ip: string,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    const dryRun = query.dryRun ?? false;
    // Anyone may preview; only admins change the workspace's apps.
    if (!dryRun && auth.role !== 'admin') throw new AppError('FORBIDDEN');
    return this.apps.import({ workspaceId: auth.workspaceId, userId: auth.userId, ip }, body, {
      dryRun,
      locale: localeFromHeader(acceptLanguage),
      expectedRevision: query.expectedRevision,
    });
  }

  @Get(':key')
  @ApiKeyScope(['records:read', 'reports:run', 'flows:run'], 'key')
  async get(@CurrentAuth() auth: AuthContext, @Param('key') key: string) {
    const app = await this.apps.get(auth.workspaceId, key);
    return { ...toAppSummary(app), definition: app.definition };
  }

  @Get(':key/export')
  @ApiKeyScope(['records:read', 'reports:run', 'flows:run'], 'key')
  async export(@CurrentAuth() auth: AuthContext, @Param('key') key: string, @Res() response: Response) {
    const text = await this.apps.export(auth.workspaceId, key);
    response.type('application/json').attachment(`${key}.json`).send(text);
  }

  @Delete(':key')
  @HttpCode(204)
  @RequireWorkspaceRole('admin')
  async remove(@CurrentAuth() auth: AuthContext, @Param('key') key: string, @Ip() ip: string): Promise<void> {
    await this.apps.remove({ workspaceId: auth.workspaceId, userId: auth.userId, ip }, key);
  }
}
