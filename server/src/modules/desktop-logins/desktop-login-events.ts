import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { DESKTOP_LOGIN_TICKET_TTL_MS, type DesktopLoginState } from '@itss/shared';
import type { FastifyReply } from 'fastify';
import type { RequestContext } from '../../common/request-context';
import { DELIVERY_GRACE_MS, DesktopLoginsService } from './desktop-logins.service';

/** How often a stream reads the ticket: the database is the one place every replica sees a confirmation. */
const CHECK_EVERY_MS = 1000;
/** A comment line now and then, so proxies do not close a quiet stream. */
const KEEP_ALIVE_EVERY = 15;

/**
 * `GET /api/desktop-logins/:ticket` as server-sent events: the same answers as polling, one `data:`
 * line each time the state changes, until it is final (`confirmed` or `expired`). The stream reads
 * the row each second rather than waiting for an in-process signal, so a confirmation on another
 * replica reaches it too. A client that loses the stream polls instead.
 */
@Injectable()
export class DesktopLoginEvents implements OnModuleDestroy {
  private readonly logger = new Logger(DesktopLoginEvents.name);
  private readonly open = new Set<AbortController>();

  constructor(private readonly logins: DesktopLoginsService) {}

  /**
   * The first state is read before anything is written, so an unknown ticket is an ordinary JSON
   * error (404); after that the reply is the stream's.
   */
  async stream(
    ctx: RequestContext,
    reply: FastifyReply,
    ticket: string,
    pollToken: string | undefined,
  ): Promise<void> {
    let state = await this.logins.poll(ctx, ticket, pollToken);
    const stop = new AbortController();
    this.open.add(stop);
    reply.hijack();
    const raw = reply.raw;
    raw.on('close', () => stop.abort());
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) raw.setHeader(name, typeof value === 'number' ? String(value) : value);
    }
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      // nginx would otherwise buffer the stream until it ends.
      'x-accel-buffering': 'no',
    });
    const deadline = Date.now() + DESKTOP_LOGIN_TICKET_TTL_MS + DELIVERY_GRACE_MS;
    let sent = '';
    try {
      for (let tick = 1; ; tick++) {
        const text = JSON.stringify(state);
        if (text !== sent) raw.write(`data: ${text}\n\n`);
        else if (tick % KEEP_ALIVE_EVERY === 0) raw.write(': keep-alive\n\n');
        sent = text;
        if (isFinal(state) || Date.now() > deadline) break;
        await sleep(CHECK_EVERY_MS, undefined, { signal: stop.signal });
        state = await this.logins.poll(ctx, ticket, pollToken);
      }
    } catch (error) {
      if (!stop.signal.aborted) this.logger.warn(`Desktop sign-in stream ended: ${(error as Error).message}`);
    } finally {
      this.open.delete(stop);
      raw.end();
    }
  }

  /** Shutdown ends the streams, so the server does not wait for two-minute tickets to close. */
  onModuleDestroy(): void {
    for (const stop of this.open) stop.abort();
  }
}

/** A non-holder sees `confirmed` without a token: nothing more will come to it either. */
function isFinal(state: DesktopLoginState): boolean {
  return state.state === 'confirmed' || state.state === 'expired';
}
