import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiKeyScope, type AuthContext, CurrentAuth } from '../auth/auth-context';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Members of the caller's workspace, for user pickers. */
  @Get()
  @ApiKeyScope(['records:read', 'flows:run'])
  @ApiQuery({ name: 'q', required: false })
  list(@CurrentAuth() auth: AuthContext, @Query('q') q?: string) {
    return this.users.members(auth.workspaceId, typeof q === 'string' ? q.slice(0, 100) : '');
  }
}
