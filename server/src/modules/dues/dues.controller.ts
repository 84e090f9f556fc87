import { Controller, Get, Param, Query } from '@nestjs/common';
import { type BillListResponse, noQuerySchema, unitIdParamSchema } from '@itss/shared';
import type { z } from 'zod';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { DuesService } from './dues.service';

/** A unit's bills, under the unit's path. */
@Controller('units')
export class DuesController {
  constructor(private readonly dues: DuesService) {}

  @Get(':id/bills')
  list(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: unitIdParamSchema }) params: z.output<typeof unitIdParamSchema>,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<BillListResponse> {
    return this.dues.list(ctx, params.id);
  }
}
