import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import {
  type BillReceipt,
  type ReceiptRequestPage,
  billIdParamSchema,
  issueReceiptRequestSchema,
  noQuerySchema,
  receiptRequestQuerySchema,
  receiptRequestSchema,
} from '@itss/shared';
import type { z } from 'zod';
import { StaffOnly } from '../../common/access.decorators';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { contentDisposition } from '../files/files.controller';
import { DuesReceipts } from './receipts.service';

type BillIdParam = z.output<typeof billIdParamSchema>;

/** 会费票据: a contact's request, staff's queue and upload, the download. */
@Controller('dues')
export class ReceiptsController {
  constructor(private readonly receipts: DuesReceipts) {}

  @Post('bills/:id/receipt-request')
  @HttpCode(200)
  request(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: billIdParamSchema }) params: BillIdParam,
    @Body({ schema: receiptRequestSchema }) body: z.output<typeof receiptRequestSchema>,
  ): Promise<BillReceipt> {
    return this.receipts.request(ctx, params.id, body);
  }

  @Get('receipt-requests')
  @StaffOnly()
  list(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: receiptRequestQuerySchema }) query: z.output<typeof receiptRequestQuerySchema>,
  ): Promise<ReceiptRequestPage> {
    return this.receipts.list(ctx, query);
  }

  @Post('bills/:id/receipt')
  @HttpCode(200)
  @StaffOnly()
  issue(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: billIdParamSchema }) params: BillIdParam,
    @Body({ schema: issueReceiptRequestSchema }) body: z.output<typeof issueReceiptRequestSchema>,
  ): Promise<BillReceipt> {
    return this.receipts.issue(ctx, params.id, body);
  }

  @Get('bills/:id/receipt.pdf')
  async download(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: billIdParamSchema }) params: BillIdParam,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<StreamableFile> {
    const { name, size, bytes } = await this.receipts.download(ctx, params.id);
    return new StreamableFile(bytes, {
      type: 'application/pdf',
      length: size,
      disposition: contentDisposition(name),
    });
  }
}
