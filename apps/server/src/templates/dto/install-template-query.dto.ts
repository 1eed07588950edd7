import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { toBoolean } from '../../common/http/query.dto';

export class InstallTemplateQueryDto {
  @ApiPropertyOptional({ description: 'Only report what installing would add, change or remove.' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;

  @ApiPropertyOptional({ description: 'Load the demo company with a fresh install.' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'demo must be true or false' })
  demo?: boolean;
}
