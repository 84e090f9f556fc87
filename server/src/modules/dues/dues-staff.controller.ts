import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, StreamableFile } from '@nestjs/common';
import {
  type Bill,
  type BillDetail,
  type BillPage,
  type DuesSettingsResponse,
  type DuesSummary,
  type FeesResponse,
  type OpenBillsResponse,
  billExportQuerySchema,
  billIdParamSchema,
  billQuerySchema,
  billReasonRequestSchema,
  billYearParamSchema,
  duesSettingsSchema,
  duesSummaryQuerySchema,
  noQuerySchema,
  openBillsRequestSchema,
  putFeesRequestSchema,
} from '@itss/shared';
import type { z } from 'zod';
import { StaffOnly } from '../../common/access.decorators';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { BillListService } from './bill-list.service';
import { BillStatesService } from './bill-states.service';
import { DuesFeesService } from './dues-fees.service';
import { DuesSettingsService } from './dues-settings.service';
import { DuesService } from './dues.service';

type IdParam = z.output<typeof billIdParamSchema>;
type YearParam = z.output<typeof billYearParamSchema>;
type Reason = z.output<typeof billReasonRequestSchema>;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** No body at all opens with the default due date. */
const openBody = openBillsRequestSchema.optional();

/** Staff's dues (fees, settings, opening a year, the bills across units) and the account members read. */
@Controller('dues')
export class DuesStaffController {
  constructor(
    private readonly dues: DuesService,
    private readonly fees: DuesFeesService,
    private readonly settings: DuesSettingsService,
    private readonly lists: BillListService,
    private readonly states: BillStatesService,
  ) {}

  @Get('fees')
  @StaffOnly()
  listFees(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<FeesResponse> {
    return this.fees.list(ctx);
  }

  @Put('fees/:year')
  @StaffOnly()
  putFees(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: billYearParamSchema }) params: YearParam,
    @Body({ schema: putFeesRequestSchema }) body: z.output<typeof putFeesRequestSchema>,
  ): Promise<FeesResponse> {
    return this.fees.update(ctx, params.year, body.feesFen);
  }

  /** Every signed-in person: the member page shows the account to transfer to. */
  @Get('settings')
  readSettings(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<DuesSettingsResponse> {
    return this.settings.read(ctx);
  }

  @Put('settings')
  @StaffOnly()
  putSettings(
    @Ctx() ctx: SignedInContext,
    @Body({ schema: duesSettingsSchema }) body: z.output<typeof duesSettingsSchema>,
  ): Promise<DuesSettingsResponse> {
    return this.settings.update(ctx, body);
  }

  @Post('years/:year/bills')
  @HttpCode(200)
  @StaffOnly()
  openYear(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: billYearParamSchema }) params: YearParam,
    @Body({ schema: openBody }) body: z.output<typeof openBody>,
  ): Promise<OpenBillsResponse> {
    return this.dues.openYearBills(ctx, params.year, body?.dueDate);
  }

  @Get('bills')
  @StaffOnly()
  list(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: billQuerySchema }) query: z.output<typeof billQuerySchema>,
  ): Promise<BillPage> {
    return this.lists.list(ctx, query);
  }

  @Get('bills/export.xlsx')
  @StaffOnly()
  async export(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: billExportQuerySchema }) query: z.output<typeof billExportQuerySchema>,
  ): Promise<StreamableFile> {
    const bytes = await this.lists.export(ctx, query);
    return new StreamableFile(bytes, {
      type: XLSX,
      length: bytes.length,
      disposition: `attachment; filename="bills.xlsx"; filename*=UTF-8''${encodeURIComponent('会费账单.xlsx')}`,
    });
  }

  @Get('bills/:id')
  @StaffOnly()
  detail(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: billIdParamSchema }) params: IdParam,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<BillDetail> {
    return this.lists.detail(ctx, params.id);
  }

  @Post('bills/:id/waive')
  @HttpCode(200)
  @StaffOnly()
  waive(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: billIdParamSchema }) params: IdParam,
    @Body({ schema: billReasonRequestSchema }) body: Reason,
  ): Promise<Bill> {
    return this.states.close(ctx, params.id, 'waived', body.reason);
  }

  @Post('bills/:id/void')
  @HttpCode(200)
  @StaffOnly()
  void(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: billIdParamSchema }) params: IdParam,
    @Body({ schema: billReasonRequestSchema }) body: Reason,
  ): Promise<Bill> {
    return this.states.close(ctx, params.id, 'void', body.reason);
  }

  @Get('summary')
  @StaffOnly()
  summary(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: duesSummaryQuerySchema }) query: z.output<typeof duesSummaryQuerySchema>,
  ): Promise<DuesSummary> {
    return this.lists.summary(ctx, query.year);
  }
}
