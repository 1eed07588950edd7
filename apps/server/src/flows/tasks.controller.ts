import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiKeyScope, type AuthContext, CurrentAuth } from '../auth/auth-context';
import { AddSignerDto, InboxQueryDto, ReturnTaskDto, TaskActionDto, TransferTaskDto } from './dto/flow.dto';
import { FlowCommands, type TaskAction } from './services/flow-commands.service';
import { FlowQueries } from './services/flow-queries.service';

@ApiTags('flows')
@ApiBearerAuth()
@ApiKeyScope('flows:run')
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly queries: FlowQueries,
    private readonly commands: FlowCommands,
  ) {}

  @Get()
  inbox(@CurrentAuth() auth: AuthContext, @Query() query: InboxQueryDto) {
    return this.queries.inbox(auth, { ...query, box: query.box ?? 'mine' });
  }

  @Get(':id')
  get(@CurrentAuth() auth: AuthContext, @Param('id') id: string) {
    return this.queries.task(auth, id);
  }

  @Post(':id/complete')
  @HttpCode(200)
  complete(@CurrentAuth() auth: AuthContext, @Param('id') id: string, @Body() body: TaskActionDto) {
    return this.act(auth, id, 'complete', body);
  }

  @Post(':id/approve')
  @HttpCode(200)
  approve(@CurrentAuth() auth: AuthContext, @Param('id') id: string, @Body() body: TaskActionDto) {
    return this.act(auth, id, 'approve', body);
  }

  @Post(':id/reject')
  @HttpCode(200)
  reject(@CurrentAuth() auth: AuthContext, @Param('id') id: string, @Body() body: TaskActionDto) {
    return this.act(auth, id, 'reject', body);
  }

  @Post(':id/return')
  @HttpCode(200)
  sendBack(@CurrentAuth() auth: AuthContext, @Param('id') id: string, @Body() body: ReturnTaskDto) {
    return this.act(auth, id, 'return', body);
  }

  @Post(':id/transfer')
  @HttpCode(200)
  transfer(@CurrentAuth() auth: AuthContext, @Param('id') id: string, @Body() body: TransferTaskDto) {
    return this.act(auth, id, 'transfer', body);
  }

  @Post(':id/add-signer')
  @HttpCode(200)
  addSigner(@CurrentAuth() auth: AuthContext, @Param('id') id: string, @Body() body: AddSignerDto) {
    return this.act(auth, id, 'add-signer', body);
  }

  @Post(':id/claim')
  @HttpCode(200)
  claim(@CurrentAuth() auth: AuthContext, @Param('id') id: string) {
    return this.commands.claim(auth, id, true);
  }

  @Post(':id/release')
  @HttpCode(200)
  release(@CurrentAuth() auth: AuthContext, @Param('id') id: string) {
    return this.commands.claim(auth, id, false);
  }

  private async act(auth: AuthContext, id: string, action: TaskAction, body: object) {
    return this.commands.act(auth, id, action, body);
  }
}
