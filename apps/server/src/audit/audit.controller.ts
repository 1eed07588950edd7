import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { type AuthContext, CurrentAuth, RequireWorkspaceRole } from '../auth/auth-context';
import { LogPageQueryDto } from '../common/http/query.dto';
import { AuditService } from './audit.service';

export class AuditQueryDto extends LogPageQueryDto {
  @ApiPropertyOptional({ example: 'app.imported' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601()
  to?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequireWorkspaceRole('admin')
  search(@CurrentAuth() auth: AuthContext, @Query() query: AuditQueryDto) {
    return this.audit.search(auth.workspaceId, { ...query, limit: query.limit ?? 50 });
  }
}
