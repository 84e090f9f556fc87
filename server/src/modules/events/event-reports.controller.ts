import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { type EventStats, eventIdParamSchema, noQuerySchema } from '@itss/shared';
import type { z } from 'zod';
import { StaffOnly } from '../../common/access.decorators';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { EventReports } from './event-reports.service';

type EventIdParam = z.output<typeof eventIdParamSchema>;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Staff's statistics of an event and its registrations as a sheet. */
@Controller('events')
export class EventReportsController {
  constructor(private readonly reports: EventReports) {}

  @Get(':id/stats')
  @StaffOnly()
  stats(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: eventIdParamSchema }) params: EventIdParam,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<EventStats> {
    return this.reports.stats(ctx, params.id);
  }

  @Get(':id/registrations.xlsx')
  @StaffOnly()
  async export(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: eventIdParamSchema }) params: EventIdParam,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<StreamableFile> {
    const { title, bytes } = await this.reports.export(ctx, params.id);
    return new StreamableFile(bytes, {
      type: XLSX,
      length: bytes.length,
      disposition: `attachment; filename="registrations-${params.id}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${title}报名名单.xlsx`)}`,
    });
  }
}
