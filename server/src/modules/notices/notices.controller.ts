import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  type Notice,
  type NoticeListResponse,
  createNoticeRequestSchema,
  noticeIdParamSchema,
  noticeListQuerySchema,
} from '@itss/shared';
import type { z } from 'zod';
import { StaffOnly } from '../../common/access.decorators';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { NoticesService } from './notices.service';

/** Staff's notices: sending one (202: the job delivers it) and following its delivery. */
@Controller('notices')
@StaffOnly()
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Post()
  @HttpCode(202)
  create(
    @Ctx() ctx: SignedInContext,
    @Body({ schema: createNoticeRequestSchema }) body: z.output<typeof createNoticeRequestSchema>,
  ): Promise<Notice> {
    return this.notices.create(ctx, body);
  }

  @Get()
  list(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: noticeListQuerySchema }) query: z.output<typeof noticeListQuerySchema>,
  ): Promise<NoticeListResponse> {
    return this.notices.list(ctx, query);
  }

  @Get(':id')
  get(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: noticeIdParamSchema }) params: z.output<typeof noticeIdParamSchema>,
  ): Promise<Notice> {
    return this.notices.get(ctx, params.id);
  }
}
