import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { LogPageQueryDto, toBoolean } from '../../common/http/query.dto';

export class RuleRunsQueryDto extends LogPageQueryDto {
  @ApiPropertyOptional({ description: 'Include evaluations whose condition did not match.' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  misses?: boolean;
}

export class UpdateRuleSettingDto {
  @ApiPropertyOptional({ description: 'Switch the rule on or off; null returns to the definition.' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean | null;

  @ApiPropertyOptional({ description: 'Also log evaluations whose condition did not match.' })
  @IsOptional()
  @IsBoolean()
  logMisses?: boolean;
}

export class TestRuleDto {
  @ApiPropertyOptional({ description: 'The record to test a record rule with.' })
  @IsOptional()
  @IsUUID()
  recordId?: string;

  @ApiPropertyOptional({ description: 'The instant to evaluate at (ISO); now by default.' })
  @IsOptional()
  @IsISO8601()
  at?: string;

  @ApiPropertyOptional({ enum: ['zh-CN', 'en'] })
  @IsOptional()
  @IsIn(['zh-CN', 'en'])
  locale?: 'zh-CN' | 'en';
}
