import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Ip,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AuthContext, CurrentAuth, RequireWorkspaceRole } from '../auth/auth-context';
import { AppError } from '../common/errors/app-error';
import { AddMemberDto, ListMembersQueryDto, ResetPasswordDto, UpdateMemberDto } from './dto/member.dto';
import { type Actor, MembersService } from './services/members.service';

const actorOf = (auth: AuthContext, ip: string): Actor => ({
  userId: auth.userId,
  workspaceId: auth.workspaceId,
  isSystemAdmin: auth.isSystemAdmin,
  ip,
});

// A malformed id is a member that does not exist, like another workspace's.
const userIdPipe = new ParseUUIDPipe({ exceptionFactory: () => new AppError('MEMBER_NOT_FOUND') });

/** Workspace admins manage who is in the workspace and what app roles and attributes they hold. */
@ApiTags('members')
@ApiBearerAuth()
@RequireWorkspaceRole('admin')
@Controller('members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  list(@CurrentAuth() auth: AuthContext, @Query() query: ListMembersQueryDto) {
    return this.members.list(auth.workspaceId, query);
  }

  /** The roles the workspace's apps define: what `appRoles` may hold. */
  @Get('app-roles')
  appRoles(@CurrentAuth() auth: AuthContext) {
    return this.members.appRoles(auth.workspaceId);
  }

  /**
   * The member attributes the workspace's apps declare (`memberAttributes`), app by app: the members page
   * shows them first, each with its control; a relation's `target` is the entity its records come from.
   */
  @Get('attributes')
  attributes(@CurrentAuth() auth: AuthContext) {
    return this.members.attributes(auth.workspaceId);
  }

  @Post()
  add(@CurrentAuth() auth: AuthContext, @Body() body: AddMemberDto, @Ip() ip: string) {
    return this.members.add(actorOf(auth, ip), body);
  }

  @Get(':userId')
  get(@CurrentAuth() auth: AuthContext, @Param('userId', userIdPipe) userId: string) {
    return this.members.get(auth.workspaceId, userId);
  }

  @Patch(':userId')
  update(
    @CurrentAuth() auth: AuthContext,
    @Param('userId', userIdPipe) userId: string,
    @Body() body: UpdateMemberDto,
    @Ip() ip: string,
  ) {
    return this.members.update(actorOf(auth, ip), userId, body);
  }

  @Delete(':userId')
  @HttpCode(204)
  async remove(
    @CurrentAuth() auth: AuthContext,
    @Param('userId', userIdPipe) userId: string,
    @Ip() ip: string,
  ) {
    await this.members.remove(actorOf(auth, ip), userId);
  }

  @Post(':userId/password')
  @HttpCode(204)
  async resetPassword(
    @CurrentAuth() auth: AuthContext,
    @Param('userId', userIdPipe) userId: string,
    @Body() body: ResetPasswordDto,
    @Ip() ip: string,
  ) {
    await this.members.resetPassword(actorOf(auth, ip), userId, body.password);
  }
}
