import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, Matches } from 'class-validator';
import { type AuthContext, CurrentAuth, NoApiKey } from '../auth/auth-context';
import { toBoolean } from '../common/http/query.dto';
import { NotificationService } from './notification.service';

export class NotificationsQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  unread?: boolean;
}

export class MarkReadDto {
  @ApiPropertyOptional({ description: 'Ids to mark read; absent marks all.', type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(/^\d{1,18}$/, { each: true })
  ids?: string[];
}

/** The caller's own notifications: nobody reads another person's. */
@ApiTags('notifications')
@ApiBearerAuth()
@NoApiKey()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationService) {}

  @Get()
  list(@CurrentAuth() auth: AuthContext, @Query() query: NotificationsQueryDto) {
    return this.notifications.list(auth.workspaceId, auth.userId, query.unread ?? false);
  }

  @Post('read')
  @HttpCode(200)
  async markRead(@CurrentAuth() auth: AuthContext, @Body() body: MarkReadDto) {
    return { updated: await this.notifications.markRead(auth.workspaceId, auth.userId, body.ids ?? 'all') };
  }
}
