import { Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { type DeviceSessionList, deviceSessionIdParamSchema, noQuerySchema } from '@itss/shared';
import type { z } from 'zod';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { DeviceSessionsService } from './device-sessions.service';

/** Any signed-in person, on their own sessions only. */
@Controller('me/sessions')
export class DeviceSessionsController {
  constructor(private readonly devices: DeviceSessionsService) {}

  @Get()
  list(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<DeviceSessionList> {
    return this.devices.list(ctx);
  }

  @Delete(':id')
  @HttpCode(204)
  revoke(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: deviceSessionIdParamSchema }) params: z.output<typeof deviceSessionIdParamSchema>,
  ): Promise<void> {
    return this.devices.revoke(ctx, params.id);
  }
}
