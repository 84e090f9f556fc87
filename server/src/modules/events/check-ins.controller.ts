import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  type CheckIn,
  type CheckInResponse,
  checkInSchema,
  eventIdParamSchema,
  walkInSchema,
} from '@itss/shared';
import type { z } from 'zod';
import { StaffOnly } from '../../common/access.decorators';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { CheckInsService } from './check-ins.service';
import { type WalkInParsed, WalkInsService } from './walk-ins.service';

type EventParam = z.output<typeof eventIdParamSchema>;

/** The door of an event: scanning tickets and registering walk-ins (staff). */
@Controller('events')
@StaffOnly()
export class CheckInsController {
  constructor(
    private readonly checkIns: CheckInsService,
    private readonly walkIns: WalkInsService,
  ) {}

  /** Every scan is answered 200 with what the ticket is; only a malformed body is 400. */
  @Post(':id/check-ins')
  @HttpCode(200)
  checkIn(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: eventIdParamSchema }) params: EventParam,
    @Body({ schema: checkInSchema }) body: CheckIn,
  ): Promise<CheckInResponse> {
    return this.checkIns.checkIn(ctx, params.id, body);
  }

  @Post(':id/walk-ins')
  @HttpCode(201)
  walkIn(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: eventIdParamSchema }) params: EventParam,
    @Body({ schema: walkInSchema }) body: WalkInParsed,
  ): Promise<CheckInResponse> {
    return this.walkIns.register(ctx, params.id, body);
  }
}
