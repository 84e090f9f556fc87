import { Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  type CreateDesktopLoginResponse,
  type DesktopLoginDetails,
  desktopLoginTicketParamSchema,
  noQuerySchema,
} from '@itss/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { Public } from '../../common/access.decorators';
import { Ctx, type RequestContext, type SignedInContext } from '../../common/request-context';
import { DesktopLoginEvents } from './desktop-login-events';
import { DesktopLoginsService } from './desktop-logins.service';

type TicketParams = z.output<typeof desktopLoginTicketParamSchema>;

/**
 * The desktop's side is public (it has no session yet: that is what it asks for); the phone's side
 * needs a session, and the service refuses anyone but staff before it reads the ticket.
 */
@Controller('desktop-logins')
export class DesktopLoginsController {
  constructor(
    private readonly logins: DesktopLoginsService,
    private readonly events: DesktopLoginEvents,
  ) {}

  @Public()
  @Post()
  create(@Ctx() ctx: RequestContext, @Req() request: FastifyRequest): Promise<CreateDesktopLoginResponse> {
    return this.logins.create(ctx, request.headers['user-agent']);
  }

  /** Polled with `X-Poll-Token`, or streamed when the client accepts text/event-stream. */
  @Public()
  @Get(':ticket')
  async state(
    @Ctx() ctx: RequestContext,
    @Param({ schema: desktopLoginTicketParamSchema }) params: TicketParams,
    @Query({ schema: noQuerySchema }) _query: object,
    @Headers('x-poll-token') pollToken: string | undefined,
    @Headers('accept') accept: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (accept?.includes('text/event-stream')) {
      await this.events.stream(ctx, reply, params.ticket, pollToken);
      return;
    }
    const state = await this.logins.poll(ctx, params.ticket, pollToken);
    // A handed-over session must not be kept by any cache between the server and the browser.
    await reply.header('cache-control', 'no-store').send(state);
  }

  @Public()
  @Get(':ticket/code.png')
  async code(
    @Param({ schema: desktopLoginTicketParamSchema }) params: TicketParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const image = await this.logins.code(params.ticket);
    void reply.header('content-type', image.contentType);
    return image.bytes;
  }

  @Post(':ticket/scan')
  @HttpCode(200)
  scan(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: desktopLoginTicketParamSchema }) params: TicketParams,
  ): Promise<DesktopLoginDetails> {
    return this.logins.scan(ctx, params.ticket);
  }

  @Post(':ticket/confirm')
  @HttpCode(204)
  confirm(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: desktopLoginTicketParamSchema }) params: TicketParams,
  ): Promise<void> {
    return this.logins.confirm(ctx, params.ticket);
  }

  @Post(':ticket/cancel')
  @HttpCode(204)
  cancel(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: desktopLoginTicketParamSchema }) params: TicketParams,
  ): Promise<void> {
    return this.logins.cancel(ctx, params.ticket);
  }
}
