import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

// Query strings carry text; these turn the obvious spellings into numbers and booleans and leave anything
// else as it is, so the validators name the parameter that is wrong.
export const toInt = ({ value }: { value: unknown }) => (/^\d+$/.test(String(value)) ? Number(value) : value);
export const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

/** Newest-first pages of a log: `before` is the last id of the previous page. */
export class LogPageQueryDto {
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
