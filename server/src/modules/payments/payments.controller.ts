import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  type PaymentSyncResponse,
  type Refund,
  paymentIdParamSchema,
  refundRequestSchema,
} from '@itss/shared';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { Public, StaffOnly } from '../../common/access.decorators';
import { KeepRawBody, RawBodyText } from '../../common/raw-body';
import { Ctx, type RequestContext, type SignedInContext } from '../../common/request-context';
import { PaymentsService } from './payments.service';
import { RefundsService } from './refunds.service';
import { WechatNotifications } from './wechat-notifications';

type IdParam = z.output<typeof paymentIdParamSchema>;

@Controller('payments')
export class PaymentsController {
  constructor(
    private readonly payments: PaymentsService,
    private readonly refunds: RefundsService,
    private readonly notifications: WechatNotifications,
  ) {}

  /** The payer back from `requestPayment` (or staff): settle now if WeChat Pay says it is paid. */
  @Post(':id/sync')
  @HttpCode(200)
  sync(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: paymentIdParamSchema }) params: IdParam,
  ): Promise<PaymentSyncResponse> {
    return this.payments.sync(ctx, params.id);
  }

  @Post(':id/refunds')
  @StaffOnly()
  refund(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: paymentIdParamSchema }) params: IdParam,
    @Body({ schema: refundRequestSchema }) body: z.output<typeof refundRequestSchema>,
  ): Promise<Refund> {
    return this.refunds.request(ctx, params.id, body);
  }

  /**
   * WeChat Pay's notifications, in its own protocol: 200 with no body once handled, 401
   * `{ code: 'FAIL', message }` when the signature or decryption fails (it retries then).
   */
  @Post('wechat/notify')
  @Public()
  @KeepRawBody()
  @HttpCode(200)
  async notify(
    @Ctx() ctx: RequestContext,
    @Headers() headers: Record<string, string | string[] | undefined>,
    @RawBodyText() rawBody: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ code: 'FAIL'; message: string } | undefined> {
    const answer = await this.notifications.receive(ctx, headers, rawBody);
    if (answer.accepted) return undefined;
    void reply.code(401);
    return { code: 'FAIL', message: answer.message };
  }
}
