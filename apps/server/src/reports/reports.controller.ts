import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiKeyScope, type AuthContext, CurrentAuth } from '../auth/auth-context';
import { localeFromHeader } from '../common/http/locale';
import { PreviewReportDto, RunReportDto } from './dto/run-report.dto';
import { type ReportRequest, ReportsService } from './reports.service';

@ApiTags('reports')
@ApiBearerAuth()
@ApiKeyScope('reports:run')
@Controller('apps/:app')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post('reports/preview')
  @HttpCode(200)
  preview(
    @CurrentAuth() auth: AuthContext,
    @Param('app') appKey: string,
    @Body() body: PreviewReportDto,
    @Headers('accept-language') language?: string,
  ) {
    const { report, ...rest } = body;
    return this.reports.preview(auth, appKey, report, request(rest, language));
  }

  @Post('reports/:report/run')
  @HttpCode(200)
  run(
    @CurrentAuth() auth: AuthContext,
    @Param('app') appKey: string,
    @Param('report') reportKey: string,
    @Body() body: RunReportDto,
    @Headers('accept-language') language?: string,
  ) {
    return this.reports.run(auth, appKey, reportKey, request(body, language));
  }

  @Get('dashboards')
  dashboards(@CurrentAuth() auth: AuthContext, @Param('app') appKey: string) {
    return this.reports.dashboards(auth, appKey);
  }

  @Get('dashboards/:key')
  dashboard(@CurrentAuth() auth: AuthContext, @Param('app') appKey: string, @Param('key') key: string) {
    return this.reports.dashboard(auth, appKey, key);
  }
}

function request(body: RunReportDto, language: string | undefined): ReportRequest {
  return {
    filters: body.filters,
    drill: body.drill,
    period: body.period,
    compare: body.compare,
    timeZone: body.timeZone,
    locale: body.locale ?? localeFromHeader(language),
    dashboard: body.dashboard,
  };
}
