import { Controller, Get, Headers, HttpCode, Param, Post, Query, Ip } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AuthContext, CurrentAuth } from '../auth/auth-context';
import { AppError } from '../common/errors/app-error';
import { localeFromHeader } from '../common/http/locale';
import { InstallTemplateQueryDto } from './dto/install-template-query.dto';
import { TemplatesService } from './templates.service';

@ApiTags('templates')
@ApiBearerAuth()
@Controller('templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  list(@CurrentAuth() auth: AuthContext) {
    return this.templates.list(auth.workspaceId);
  }

  @Post(':key/install')
  @HttpCode(200)
  install(
    @CurrentAuth() auth: AuthContext,
    @Param('key') key: string,
    @Query() query: InstallTemplateQueryDto,
    @Ip() ip: string,
    @Headers('accept-language') language?: string,
  ) {
    const dryRun = query.dryRun ?? false;
    if (!dryRun && auth.role !== 'admin') throw new AppError('FORBIDDEN');
    return this.templates.install({ workspaceId: auth.workspaceId, userId: auth.userId, ip }, key, {
      dryRun,
      demo: query.demo ?? false,
      locale: localeFromHeader(language),
    });
  }
}
