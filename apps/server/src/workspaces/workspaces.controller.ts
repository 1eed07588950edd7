import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Ip } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AuthContext, CurrentAuth, NoApiKey } from '../auth/auth-context';
import { AuthService } from '../auth/auth.service';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { CreateWorkspaceDto } from './dto/create-workspace.dto';
import { WorkspacesService } from './workspaces.service';

@ApiTags('workspaces')
@ApiBearerAuth()
@NoApiKey()
@Controller('workspaces')
export class WorkspacesController {
  constructor(
    private readonly workspaces: WorkspacesService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  async list(@CurrentAuth() auth: AuthContext) {
    const memberships = await this.workspaces.membershipsOf(auth.userId);
    return memberships.map(({ workspace, role }) => ({ ...workspace, role }));
  }

  @Post()
  async create(@CurrentAuth() auth: AuthContext, @Body() body: CreateWorkspaceDto, @Ip() ip: string) {
    if (!auth.isSystemAdmin) throw new AppError('FORBIDDEN');
    const workspace = await this.workspaces.create(body, auth.userId);
    await this.audit.record({
      workspaceId: workspace.id,
      actorId: auth.userId,
      action: 'workspace.created',
      target: workspace.slug,
      ip,
    });
    return { id: workspace.id, slug: workspace.slug, name: workspace.name, role: 'admin' };
  }

  @Post(':id/switch')
  @HttpCode(200)
  switch(@CurrentAuth() auth: AuthContext, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.auth.switchWorkspace(auth.userId, id).catch((error: unknown) => {
      // Not a member: answer as if the workspace did not exist, so ids cannot be probed.
      if (error instanceof AppError && error.code === 'AUTH_TOKEN_INVALID')
        throw new AppError('WORKSPACE_NOT_FOUND');
      throw error;
    });
  }
}
