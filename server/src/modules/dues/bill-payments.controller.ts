import { Body, Controller, Param, Post } from '@nestjs/common';
import {
  type Payment,
  type WechatPayOrder,
  billIdParamSchema,
  recordPaymentRequestSchema,
} from '@itss/shared';
import type { z } from 'zod';
import { StaffOnly } from '../../common/access.decorators';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { BillPaymentsService } from './bill-payments.service';

type IdParam = z.output<typeof billIdParamSchema>;

/** Paying a bill: staff record a bank transfer; a contact of its unit pays by WeChat Pay. */
@Controller('dues/bills')
export class BillPaymentsController {
  constructor(private readonly billPayments: BillPaymentsService) {}

  @Post(':id/payments')
  @StaffOnly()
  record(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: billIdParamSchema }) params: IdParam,
    @Body({ schema: recordPaymentRequestSchema }) body: z.output<typeof recordPaymentRequestSchema>,
  ): Promise<Payment> {
    return this.billPayments.record(ctx, params.id, body);
  }

  @Post(':id/wechat-pay')
  startWechatPay(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: billIdParamSchema }) params: IdParam,
  ): Promise<WechatPayOrder> {
    return this.billPayments.startWechatPay(ctx, params.id);
  }
}
