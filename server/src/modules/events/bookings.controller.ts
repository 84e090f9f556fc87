import { Body, Controller, Param, Patch, Post } from '@nestjs/common';
import {
  type BookingCreated,
  type WechatPayOrder,
  attendeeSchema,
  bookingCreateSchema,
  bookingIdParamSchema,
  eventIdParamSchema,
  registrationIdParamSchema,
} from '@itss/shared';
import type { z } from 'zod';
import type { attendeeNamedSchema } from '@itss/shared';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { BookingsService } from './bookings.service';

type IdParam = z.output<typeof eventIdParamSchema>;

/** A unit's primary contact books seats for colleagues, pays them at once and names the attendees. */
@Controller()
export class BookingsController {
  constructor(private readonly bookings: BookingsService) {}

  @Post('events/:id/bookings')
  book(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: eventIdParamSchema }) params: IdParam,
    @Body({ schema: bookingCreateSchema }) body: z.output<typeof bookingCreateSchema>,
  ): Promise<BookingCreated> {
    return this.bookings.book(ctx, params.id, body);
  }

  @Post('bookings/:id/pay')
  pay(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: bookingIdParamSchema }) params: IdParam,
  ): Promise<WechatPayOrder> {
    return this.bookings.pay(ctx, params.id);
  }

  @Patch('registrations/:id/attendee')
  nameAttendee(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: registrationIdParamSchema }) params: IdParam,
    @Body({ schema: attendeeSchema }) body: z.output<typeof attendeeSchema>,
  ): Promise<z.infer<typeof attendeeNamedSchema>> {
    return this.bookings.nameAttendee(ctx, params.id, body);
  }
}
