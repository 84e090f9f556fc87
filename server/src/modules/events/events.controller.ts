import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  type EventDetail,
  type EventPage,
  type RegistrationCreated,
  type RegistrationPage,
  eventCancelSchema,
  eventCoverParamSchema,
  eventCreateSchema,
  eventIdParamSchema,
  eventListQuerySchema,
  eventUpdateSchema,
  noQuerySchema,
  registrationCreateSchema,
  staffRegistrationQuerySchema,
} from '@itss/shared';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { SessionOptional, StaffOnly } from '../../common/access.decorators';
import { Ctx, type RequestContext, type SignedInContext } from '../../common/request-context';
import { contentDisposition } from '../files/files.controller';
import { EventCovers } from './event-covers';
import type { EventCreateParsed, EventUpdateParsed } from './event-rules';
import { type EventCancelParsed, type EventListQueryParsed, EventsService } from './events.service';
import {
  type RegistrationCreateParsed,
  RegistrationsService,
  type StaffRegistrationQueryParsed,
} from './registrations.service';

type EventParam = z.output<typeof eventIdParamSchema>;

/** Events: read by everyone (drafts by staff), run by staff; registering for one of their sessions. */
@Controller('events')
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly registrations: RegistrationsService,
    private readonly covers: EventCovers,
  ) {}

  @Get()
  @SessionOptional()
  list(
    @Ctx() ctx: RequestContext,
    @Query({ schema: eventListQuerySchema }) query: EventListQueryParsed,
  ): Promise<EventPage> {
    return this.events.list(ctx, query);
  }

  /** A cover without a session (the public teaser's picture); a draft's to staff only. */
  @Get('covers/:fileId')
  @SessionOptional()
  async cover(
    @Ctx() ctx: RequestContext,
    @Param({ schema: eventCoverParamSchema }) params: z.output<typeof eventCoverParamSchema>,
    @Query({ schema: noQuerySchema }) _query: object,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const served = await this.covers.open(ctx, params.fileId);
    void reply.header('cache-control', served.cacheControl);
    return new StreamableFile(served.bytes, {
      type: served.file.contentType,
      length: served.file.size,
      disposition: contentDisposition(served.file.name),
    });
  }

  @Get(':id')
  @SessionOptional()
  get(
    @Ctx() ctx: RequestContext,
    @Param({ schema: eventIdParamSchema }) params: EventParam,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<EventDetail> {
    return this.events.get(ctx, params.id);
  }

  @Post()
  @StaffOnly()
  @HttpCode(201)
  create(
    @Ctx() ctx: SignedInContext,
    @Body({ schema: eventCreateSchema }) body: EventCreateParsed,
  ): Promise<EventDetail> {
    return this.events.create(ctx, body);
  }

  @Patch(':id')
  @StaffOnly()
  update(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: eventIdParamSchema }) params: EventParam,
    @Body({ schema: eventUpdateSchema }) body: EventUpdateParsed,
  ): Promise<EventDetail> {
    return this.events.update(ctx, params.id, body);
  }

  @Post(':id/publish')
  @StaffOnly()
  @HttpCode(200)
  publish(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: eventIdParamSchema }) params: EventParam,
  ): Promise<EventDetail> {
    return this.events.publish(ctx, params.id);
  }

  @Post(':id/cancel')
  @StaffOnly()
  @HttpCode(200)
  cancel(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: eventIdParamSchema }) params: EventParam,
    @Body({ schema: eventCancelSchema }) body: EventCancelParsed,
  ): Promise<EventDetail> {
    return this.events.cancel(ctx, params.id, body);
  }

  @Post(':id/registrations')
  @HttpCode(201)
  register(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: eventIdParamSchema }) params: EventParam,
    @Body({ schema: registrationCreateSchema }) body: RegistrationCreateParsed,
  ): Promise<RegistrationCreated> {
    return this.registrations.register(ctx, params.id, body);
  }

  @Get(':id/registrations')
  @StaffOnly()
  registrationsOf(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: eventIdParamSchema }) params: EventParam,
    @Query({ schema: staffRegistrationQuerySchema }) query: StaffRegistrationQueryParsed,
  ): Promise<RegistrationPage> {
    return this.registrations.listOfEvent(ctx, params.id, query);
  }
}
