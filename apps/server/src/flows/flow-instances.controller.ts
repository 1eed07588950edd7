import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiKeyScope, type AuthContext, CurrentAuth, RequireWorkspaceRole } from '../auth/auth-context';
import { CancelInstanceDto, StartFlowDto } from './dto/flow.dto';
import { FlowCommands } from './services/flow-commands.service';
import { FlowQueries } from './services/flow-queries.service';

@ApiTags('flows')
@ApiBearerAuth()
@Controller()
export class FlowInstancesController {
  constructor(
    private readonly queries: FlowQueries,
    private readonly commands: FlowCommands,
  ) {}

  @Post('apps/:app/flows/:flow/instances')
  @ApiKeyScope('flows:run')
  start(
    @CurrentAuth() auth: AuthContext,
    @Param('app') app: string,
    @Param('flow') flow: string,
    @Body() body: StartFlowDto,
  ) {
    return this.commands.start(auth, app, flow, body);
  }

  @Get('flow-instances/:id')
  @ApiKeyScope('flows:run')
  get(@CurrentAuth() auth: AuthContext, @Param('id') id: string) {
    return this.queries.instance(auth, id);
  }

  @Post('flow-instances/:id/withdraw')
  @ApiKeyScope('flows:run')
  @HttpCode(200)
  withdraw(@CurrentAuth() auth: AuthContext, @Param('id') id: string) {
    return this.commands.withdraw(auth, id);
  }

  @Post('flow-instances/:id/cancel')
  @HttpCode(200)
  @RequireWorkspaceRole('admin')
  cancel(@CurrentAuth() auth: AuthContext, @Param('id') id: string, @Body() body: CancelInstanceDto) {
    return this.commands.cancel(auth, id, body.reason);
  }

  @Get('apps/:app/entities/:entity/records/:id/flow-instances')
  @ApiKeyScope(['flows:run', 'records:read'])
  forRecord(
    @CurrentAuth() auth: AuthContext,
    @Param('app') app: string,
    @Param('entity') entity: string,
    @Param('id') id: string,
  ) {
    return this.queries.recordInstances(auth, app, entity, id);
  }
}
