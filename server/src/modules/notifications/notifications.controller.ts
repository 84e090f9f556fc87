import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  type MessageListResponse,
  type NotificationTemplatesResponse,
  type SubscriptionCreditsResponse,
  type UnreadCountResponse,
  messageIdParamSchema,
  messageListQuerySchema,
  noQuerySchema,
  recordSubscriptionsRequestSchema,
} from '@itss/shared';
import type { z } from 'zod';
import { Public } from '../../common/access.decorators';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { NotificationsService } from './notifications.service';

@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** The template ids the app asks permission for; public, the app asks before anyone logs in. */
  @Public()
  @Get('templates')
  templates(@Query({ schema: noQuerySchema }) _query: object): NotificationTemplatesResponse {
    return this.notifications.templates();
  }

  @Post('subscriptions')
  @HttpCode(200)
  recordSubscriptions(
    @Ctx() ctx: SignedInContext,
    @Body({ schema: recordSubscriptionsRequestSchema })
    body: z.output<typeof recordSubscriptionsRequestSchema>,
  ): Promise<SubscriptionCreditsResponse> {
    return this.notifications.recordSubscriptions(ctx, body.results);
  }
}

/** 我的 → 消息: each person's own messages. */
@Controller('messages')
export class MessagesController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  list(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: messageListQuerySchema }) query: z.output<typeof messageListQuerySchema>,
  ): Promise<MessageListResponse> {
    return this.notifications.list(ctx, query);
  }

  @Get('unread-count')
  async unreadCount(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<UnreadCountResponse> {
    return { unread: await this.notifications.unread(ctx) };
  }

  @Post('read-all')
  @HttpCode(204)
  markAllRead(@Ctx() ctx: SignedInContext): Promise<void> {
    return this.notifications.markAllRead(ctx);
  }

  @Post(':id/read')
  @HttpCode(204)
  markRead(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: messageIdParamSchema }) params: z.output<typeof messageIdParamSchema>,
  ): Promise<void> {
    return this.notifications.markRead(ctx, params.id);
  }
}
