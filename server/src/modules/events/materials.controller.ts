import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  type Material,
  eventIdParamSchema,
  materialCreateSchema,
  type materialListSchema,
  noQuerySchema,
} from '@itss/shared';
import type { z } from 'zod';
import { StaffOnly } from '../../common/access.decorators';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { type MaterialCreateParsed, MaterialsService } from './materials.service';

type EventParam = z.output<typeof eventIdParamSchema>;

/** An event's materials: staff add PDFs, registrants and staff list them (files via /api/files/:id). */
@Controller('events')
export class MaterialsController {
  constructor(private readonly materials: MaterialsService) {}

  @Get(':id/materials')
  list(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: eventIdParamSchema }) params: EventParam,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<z.infer<typeof materialListSchema>> {
    return this.materials.list(ctx, params.id);
  }

  @Post(':id/materials')
  @StaffOnly()
  @HttpCode(201)
  add(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: eventIdParamSchema }) params: EventParam,
    @Body({ schema: materialCreateSchema }) body: MaterialCreateParsed,
  ): Promise<Material> {
    return this.materials.add(ctx, params.id, body);
  }
}
