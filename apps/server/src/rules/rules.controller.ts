import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AuthContext, CurrentAuth, RequireWorkspaceRole } from '../auth/auth-context';
import { RuleRunsQueryDto, TestRuleDto, UpdateRuleSettingDto } from './dto/rules.dto';
import { RulesService } from './rules.service';

/** The rule pages of an app: builders (workspace admins) only, since the log shows the values rules read. */
@ApiTags('rules')
@ApiBearerAuth()
@Controller('apps/:app/rules')
@RequireWorkspaceRole('admin')
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  @Get()
  list(@CurrentAuth() auth: AuthContext, @Param('app') appKey: string) {
    return this.rules.list(auth.workspaceId, appKey);
  }

  @Get(':rule/runs')
  runs(
    @CurrentAuth() auth: AuthContext,
    @Param('app') appKey: string,
    @Param('rule') ruleKey: string,
    @Query() query: RuleRunsQueryDto,
  ) {
    return this.rules.runs(auth.workspaceId, appKey, ruleKey, query);
  }

  @Patch(':rule')
  update(
    @CurrentAuth() auth: AuthContext,
    @Param('app') appKey: string,
    @Param('rule') ruleKey: string,
    @Body() body: UpdateRuleSettingDto,
  ) {
    return this.rules.updateSetting(auth.workspaceId, auth.userId, appKey, ruleKey, body);
  }

  @Post(':rule/test')
  @HttpCode(200)
  test(
    @CurrentAuth() auth: AuthContext,
    @Param('app') appKey: string,
    @Param('rule') ruleKey: string,
    @Body() body: TestRuleDto,
  ) {
    return this.rules.test(auth.workspaceId, appKey, ruleKey, body);
  }
}
