import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiKeyScope, type AuthContext, CurrentAuth } from '../auth/auth-context';
import { RecordsService } from './records.service';

@ApiTags('records')
@ApiBearerAuth()
@Controller('apps/:app/entities/:entity')
export class EntityAccessController {
  constructor(private readonly records: RecordsService) {}

  /** The caller's actions and field limits on the entity (what their app roles grant). */
  @Get('access')
  @ApiKeyScope('records:read')
  access(@CurrentAuth() auth: AuthContext, @Param('app') appKey: string, @Param('entity') entityKey: string) {
    return this.records.describeAccess(auth, { appKey, entityKey });
  }
}

@ApiTags('records')
@ApiBearerAuth()
@Controller('apps/:app')
export class AppAccessController {
  constructor(private readonly records: RecordsService) {}

  /** The entities of the app the caller may do anything with, and their actions on each. */
  @Get('access')
  @ApiKeyScope('records:read')
  access(@CurrentAuth() auth: AuthContext, @Param('app') appKey: string) {
    return this.records.describeAppAccess(auth, appKey);
  }
}
