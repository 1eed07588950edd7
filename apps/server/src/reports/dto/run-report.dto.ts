import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class DrillStepDto {
  @IsString()
  @MaxLength(300)
  field!: string;

  /** Checked against the field's type by the engine. */
  @IsOptional()
  value!: string | number | boolean | null;
}

export class PeriodDto {
  @Matches(DATE, { message: 'from must be a date written YYYY-MM-DD' })
  from!: string;

  @Matches(DATE, { message: 'to must be a date written YYYY-MM-DD' })
  to!: string;
}

export class RunReportDto {
  @ApiPropertyOptional({ description: 'Field path → value, list of values, or { from, to } range.' })
  @IsOptional()
  @IsObject()
  filters?: Record<string, unknown>;

  @ApiPropertyOptional({ type: [DrillStepDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => DrillStepDto)
  drill?: DrillStepDto[];

  @ApiPropertyOptional({ type: PeriodDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PeriodDto)
  period?: PeriodDto;

  @ApiPropertyOptional({ enum: ['previousPeriod', 'previousYear'] })
  @IsOptional()
  @IsIn(['previousPeriod', 'previousYear'])
  compare?: 'previousPeriod' | 'previousYear';

  @ApiPropertyOptional({ example: 'Asia/Shanghai' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @ApiPropertyOptional({
    description:
      'Key of the dashboard whose card this run draws: the cards of it that read the same rows are answered by one shared scan (docs/reports.md).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  dashboard?: string;

  @ApiPropertyOptional({ enum: ['zh-CN', 'en'] })
  @IsOptional()
  @IsIn(['zh-CN', 'en'])
  locale?: 'zh-CN' | 'en';
}

export class PreviewReportDto extends RunReportDto {
  @ApiPropertyOptional({ description: 'An unsaved report definition (app-model format).' })
  @IsObject()
  report!: Record<string, unknown>;
}
