import { Controller, Get, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ApiKeyScope, type AuthContext, CurrentAuth } from '../auth/auth-context';
import { PeopleService } from '../people/people.service';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly people: PeopleService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Members of the caller's workspace, for user pickers. Someone outside the company (an external role such as
   * a tenant) finds only themself: the directory of staff and other tenants is not theirs to browse.
   */
  @Get()
  @ApiKeyScope(['records:read', 'flows:run'])
  @ApiQuery({ name: 'q', required: false })
  @ApiQuery({
    name: 'appRoles',
    required: false,
    description: 'Comma-separated app roles: only members holding one of them.',
  })
  async list(@CurrentAuth() auth: AuthContext, @Query('q') q?: string, @Query('appRoles') appRoles?: string) {
    const search = typeof q === 'string' ? q.slice(0, 100) : '';
    const roles =
      typeof appRoles === 'string'
        ? appRoles
            .split(',')
            .map((role) => role.trim())
            .filter(Boolean)
            .slice(0, 20)
        : undefined;
    if (await this.people.isExternal(this.dataSource.manager, auth))
      return this.users.members(auth.workspaceId, search, auth.userId, roles);
    return this.users.members(auth.workspaceId, search, undefined, roles);
  }
}
