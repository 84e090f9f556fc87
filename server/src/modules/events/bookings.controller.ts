import { Body, Controller, Get, Param, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import {
  type AttendeeNamed,
  type BookingCreated,
  type WechatPayOrder,
  attendeeSchema,
  bookingCreateSchema,
  bookingIdParamSchema,
  eventIdParamSchema,
  noQuerySchema,
  registrationIdParamSchema,
} from '@itss/shared';
import type { z } from 'zod';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { BookingsService } from './bookings.service';
import { RegistrationCalendar } from './registration-calendar';

type IdParam = z.output<typeof eventIdParamSchema>;

/**
 * A unit's primary contact books seats for colleagues, pays them at once and names the attendees;
 * a registrant takes their session into a phone calendar.
 */
@Controller()
export class BookingsController {
  constructor(
    private readonly bookings: BookingsService,
    private readonly calendar: RegistrationCalendar,
  ) {}

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
  ): Promise<AttendeeNamed> {
    return this.bookings.nameAttendee(ctx, params.id, body);
  }

  @Get('registrations/:id/calendar.ics')
  async ics(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: registrationIdParamSchema }) params: IdParam,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<StreamableFile> {
    const { name, text } = await this.calendar.ics(ctx, params.id);
    const bytes = Buffer.from(text, 'utf8');
    return new StreamableFile(bytes, {
      type: 'text/calendar; charset=utf-8',
      length: bytes.length,
      disposition: `attachment; filename="event-${params.id}.ics"; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
  }
}
