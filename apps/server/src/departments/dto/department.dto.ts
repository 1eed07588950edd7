import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';

const KEY = /^[A-Za-z][A-Za-z0-9_]{0,49}$/;
const KEY_MESSAGE = 'a department key is a letter then letters, digits or _ (at most 50)';

export class CreateDepartmentDto {
  @ApiProperty({
    example: 'engineering',
    description: 'What attributes, assignments and fields hold; never changes.',
  })
  @IsString()
  @Matches(KEY, { message: KEY_MESSAGE })
  key: string;

  @ApiProperty({ example: '工程部' })
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({
    example: 'operations',
    description: 'The department it belongs to; none: a top one.',
  })
  @IsOptional()
  @IsString()
  @Matches(KEY, { message: KEY_MESSAGE })
  parentKey?: string;

  @ApiPropertyOptional({ description: 'A member of the workspace who manages it.' })
  @IsOptional()
  @IsUUID('all', { message: 'managerId must be a user id' })
  managerId?: string;

  @ApiPropertyOptional({ example: 10, description: 'Order among its siblings, smallest first.' })
  @IsOptional()
  @IsInt()
  @Min(-1_000_000)
  @Max(1_000_000)
  sortOrder?: number;
}

export class UpdateDepartmentDto {
  @ApiProperty({ description: 'The version read; a newer one means someone else changed it (409).' })
  @IsInt({ message: 'version must be the version you read' })
  version: number;

  @ApiPropertyOptional({ example: '工程维修部' })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({
    description: 'Another department to move it under; null: a top one.',
    nullable: true,
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Matches(KEY, { message: KEY_MESSAGE })
  parentKey?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID('all', { message: 'managerId must be a user id' })
  managerId?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(-1_000_000)
  @Max(1_000_000)
  sortOrder?: number;
}
