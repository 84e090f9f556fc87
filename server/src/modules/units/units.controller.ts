import { Controller, Get, Param, Query } from '@nestjs/common';
import { type Unit, noQuerySchema, unitIdParamSchema } from '@itss/shared';
import type { z } from 'zod';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { UnitsService } from './units.service';

@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Get(':id')
  get(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: unitIdParamSchema }) params: z.output<typeof unitIdParamSchema>,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<Unit> {
    return this.units.get(ctx, params.id);
  }
}
