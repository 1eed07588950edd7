import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

export class CreateWorkspaceDto {
  @ApiProperty({
    example: 'sunshine-property',
    description: 'Lowercase letters, digits and dashes; 2–63 long.',
  })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, {
    message: 'slug must be 2–63 lowercase letters, digits or dashes, starting with a letter or digit',
  })
  slug: string;

  @ApiProperty({ example: '阳光物业' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
}
