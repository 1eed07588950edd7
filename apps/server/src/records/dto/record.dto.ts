import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { toBoolean, toInt } from '../../common/http/query.dto';
import { RecordValues } from '../../common/http/validation.pipe';

export class ListRecordsQueryDto {
  @ApiPropertyOptional({ description: 'Filter in JSON-logic syntax over field keys (docs/records.md).' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  filter?: string;

  @ApiPropertyOptional({ example: '-updatedAt,rent' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  sort?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  cursor?: string;

  @ApiPropertyOptional({ description: 'Text searched in the searchable fields.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'includeDeleted must be true or false' })
  includeDeleted?: boolean;
}

export class CreateRecordDto {
  @ApiProperty({ description: 'Field key → value, in the shapes of docs/records.md.' })
  @IsObject()
  @RecordValues()
  values: Record<string, unknown>;
}

export class UpdateRecordDto {
  @ApiProperty({
    description: 'The version the change is based on; a stale one gets 409 with the current record.',
  })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ description: 'The fields to change (a partial patch).' })
  @IsObject()
  values: Record<string, unknown>;
}

export class BulkUpdateItemDto extends UpdateRecordDto {
  @ApiProperty()
  @IsUUID()
  id: string;
}

export class BulkRecordsDto {
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' } })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsObject({ each: true })
  @RecordValues()
  create?: Record<string, unknown>[];

  @ApiPropertyOptional({ type: [BulkUpdateItemDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => BulkUpdateItemDto)
  update?: BulkUpdateItemDto[];
}

export class ImportRecordsDto {
  @ApiPropertyOptional({ enum: ['preview', 'validOnly', 'allOrNothing'], default: 'preview' })
  @IsOptional()
  @IsIn(['preview', 'validOnly', 'allOrNothing'])
  mode?: 'preview' | 'validOnly' | 'allOrNothing';

  @ApiPropertyOptional({ description: 'JSON object: column header → field key ("" to skip a column).' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  mapping?: string;

  @ApiPropertyOptional({ description: 'Any id; progress events `import.progress` carry it.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  importId?: string;
}

export class ExportRecordsQueryDto extends ListRecordsQueryDto {
  @ApiPropertyOptional({ enum: ['xlsx', 'csv'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['xlsx', 'csv'], { message: 'format must be xlsx or csv' })
  format?: 'xlsx' | 'csv';
}

export class BulkQueryDto {
  @ApiPropertyOptional({
    enum: ['ids', 'records'],
    default: 'ids',
    description: 'What to answer for each item.',
  })
  @IsOptional()
  @IsIn(['ids', 'records'], { message: 'return must be ids or records' })
  return?: 'ids' | 'records';
}
