import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { toInt } from '../../common/http/query.dto';
import { WORKSPACE_ROLES, type WorkspaceRole } from '../../workspaces/workspace-member.entity';

const APP_ROLE = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{1,99}$/;
export const MIN_PASSWORD = 8;

const ATTRIBUTES_EXAMPLE = { projects: ['P01', 'P02'], department: 'maintenance', skills: ['electric'] };

export class ListMembersQueryDto {
  @ApiPropertyOptional({ description: 'Part of the username, display name or e-mail.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: WORKSPACE_ROLES })
  @IsOptional()
  @IsIn(WORKSPACE_ROLES)
  role?: WorkspaceRole;

  @ApiPropertyOptional({ description: 'Only members holding this app role.' })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  appRole?: string;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  offset?: number;

  @ApiPropertyOptional({ default: 100 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

/** Shape only; that the roles exist and the attributes are flat is checked by the service. */
class MemberAccessDto {
  @ApiPropertyOptional({ enum: WORKSPACE_ROLES, default: 'member' })
  @IsOptional()
  @IsIn(WORKSPACE_ROLES, { message: 'role must be admin or member' })
  role?: WorkspaceRole;

  @ApiPropertyOptional({ type: [String], example: ['technician'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(APP_ROLE, { each: true, message: 'each app role is a role key such as "technician"' })
  appRoles?: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: ATTRIBUTES_EXAMPLE,
    description:
      'Flat: strings, numbers, booleans or lists of strings/numbers; read by scopes as user.<key>.',
  })
  @IsOptional()
  @IsObject()
  attributes?: Record<string, unknown>;
}

export class AddMemberDto extends MemberAccessDto {
  @ApiProperty({ example: 'zhang.wei' })
  @IsString()
  @Matches(USERNAME, {
    message: 'username is 2–100 letters, digits or . _ @ -, starting with a letter or digit',
  })
  username: string;

  @ApiPropertyOptional({
    description: 'Creates a new user with this password; leave out to add an existing user by username.',
  })
  @IsOptional()
  @IsString()
  @MinLength(MIN_PASSWORD)
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional({ example: '张伟' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional({ example: 'zhang.wei@example.com' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(200)
  email?: string;
}

export class UpdateMemberDto extends MemberAccessDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional({ nullable: true, description: 'null or "" removes the address.' })
  @IsOptional()
  @ValidateIf((dto: UpdateMemberDto) => dto.email !== null && dto.email !== '')
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(200)
  email?: string | null;

  @ApiPropertyOptional({ description: 'false blocks sign-in at once (the user, in every workspace).' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ResetPasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(MIN_PASSWORD)
  @MaxLength(200)
  password: string;
}
