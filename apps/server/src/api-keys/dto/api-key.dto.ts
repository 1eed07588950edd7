import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { SCOPE_PATTERN } from '../utils/api-key-scopes';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'ERP sync', description: 'Tells keys apart; unique among the keys not revoked.' })
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(100)
  name: string;

  @ApiProperty({
    type: [String],
    example: ['records:read:propertyLite', 'flows:run:propertyLite'],
    description:
      '`admin`, or `records:read`, `records:write`, `reports:run`, `flows:run` — for every app, or for one ' +
      'app with `:<appKey>` appended.',
  })
  @IsArray()
  @ArrayMinSize(1, { message: 'scopes must name at least one scope' })
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Matches(SCOPE_PATTERN, {
    each: true,
    message:
      'each scope is admin, or records:read, records:write, reports:run or flows:run, optionally followed by :<appKey>',
  })
  scopes: string[];

  @ApiPropertyOptional({
    example: '2026-12-31T23:59:59Z',
    description: 'Refused from then on; none: never expires.',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO 8601 date-time' })
  expiresAt?: string;
}
