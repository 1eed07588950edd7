import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { type CommentAudience } from '@lowcode/flow-engine';
import { toInt } from '../../common/http/query.dto';

const COMMENT_AUDIENCES: CommentAudience[] = ['everyone', 'internal'];

export class StartFlowDto {
  @ApiPropertyOptional({ description: 'The record of the flow’s entity to run on.' })
  @IsOptional()
  @IsUUID('all', { message: 'recordId must be a record id' })
  recordId?: string;

  @ApiPropertyOptional({ description: 'Initial flow variables, readable in conditions.' })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;
}

/** A decision's comment, and who may read it: every task action takes one. */
class CommentedDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;

  @ApiPropertyOptional({
    enum: COMMENT_AUDIENCES,
    description: '`internal`: a note for the company’s staff, kept from members of external roles (tenants).',
  })
  @IsOptional()
  @IsIn(COMMENT_AUDIENCES)
  commentAudience?: CommentAudience;
}

export class TaskActionDto extends CommentedDto {
  @ApiPropertyOptional({ description: 'Form values; only the task form’s editable fields are accepted.' })
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;
}

export class ReturnTaskDto extends TaskActionDto {
  @ApiPropertyOptional({ description: 'The task node to send the work back to.' })
  @IsString()
  @MaxLength(200)
  returnTo!: string;
}

export class TransferTaskDto extends CommentedDto {
  @ApiPropertyOptional({ description: 'User id or username of the member who takes over.' })
  @IsString()
  @MaxLength(200)
  to!: string;
}

export class AddSignerDto extends CommentedDto {
  @ApiPropertyOptional({ description: 'User ids or usernames of the members who must sign too.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  users!: string[];
}

export class CancelInstanceDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class InboxQueryDto {
  @ApiPropertyOptional({ enum: ['mine', 'group', 'done', 'cc'], default: 'mine' })
  @IsOptional()
  @IsIn(['mine', 'group', 'done', 'cc'], { message: 'box must be one of mine, group, done, cc' })
  box?: 'mine' | 'group' | 'done' | 'cc';

  @ApiPropertyOptional({ description: 'App key' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  app?: string;

  @ApiPropertyOptional({ description: 'Flow key' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  flow?: string;

  @ApiPropertyOptional({ description: 'Text searched in task titles' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(200)
  limit?: number;
}
