import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  type InvoiceRequestPage,
  type RegistrationInvoice,
  invoiceIssueSchema,
  invoiceRequestQuerySchema,
  invoiceRequestSchema,
  registrationIdParamSchema,
} from '@itss/shared';
import type { z } from 'zod';
import { StaffOnly } from '../../common/access.decorators';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { EventInvoices } from './event-invoices.service';

type IdParam = z.output<typeof registrationIdParamSchema>;

/** 发票 of paid seats: the owner's request, staff's queue and upload. */
@Controller()
export class EventInvoicesController {
  constructor(private readonly invoices: EventInvoices) {}

  @Post('registrations/:id/invoice-request')
  @HttpCode(200)
  request(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: registrationIdParamSchema }) params: IdParam,
    @Body({ schema: invoiceRequestSchema }) body: z.output<typeof invoiceRequestSchema>,
  ): Promise<RegistrationInvoice> {
    return this.invoices.request(ctx, params.id, body);
  }

  @Get('events/invoice-requests')
  @StaffOnly()
  list(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: invoiceRequestQuerySchema }) query: z.output<typeof invoiceRequestQuerySchema>,
  ): Promise<InvoiceRequestPage> {
    return this.invoices.list(ctx, query);
  }

  @Post('registrations/:id/invoice')
  @HttpCode(200)
  @StaffOnly()
  issue(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: registrationIdParamSchema }) params: IdParam,
    @Body({ schema: invoiceIssueSchema }) body: z.output<typeof invoiceIssueSchema>,
  ): Promise<RegistrationInvoice> {
    return this.invoices.issue(ctx, params.id, body);
  }
}
