import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO8601, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { type AuthContext, CurrentAuth, RequireWorkspaceRole } from '../auth/auth-context';
import { AuditService } from './audit.service';

const toInt = ({ value }: { value: unknown }) => (/^\d+$/.test(String(value)) ? Number(value) : value);

export class AuditQueryDto {
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

  @ApiPropertyOptional({
    description: 'Only entries older than this id (the last one of the previous page).',
  })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  before?: number;

  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
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
