import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { SEAT_HOLDING_STATES, TICKET_PAGE } from '@itss/shared';
import type { Repository } from 'typeorm';
import { beijingDateTime } from '../../common/time';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { lockRows } from '../../database/locks';
import { NotificationsService } from '../notifications/notifications.service';
import { EventSessionEntity } from './event-session.entity';
import { EventEntity } from './event.entity';
import { RegistrationEntity } from './registration.entity';

const HOUR_MS = 60 * 60_000;

/**
 * The seat count of sessions, the one place `taken` changes. Every method runs inside its caller's
 * transaction, whose first seat work locks the session row (`lock`): on MariaDB, two changes to
 * one session's seats or waiting list then run one after the other; SQLite runs every unit alone.
 * A seat is taken with a guarded UPDATE, so even without the lock no interleaving could hold more
 * seats than the capacity. A seat that is freed goes to the first on the waiting list in the same
 * transaction (an offer), and only with nobody waiting is it counted free again.
 */
@Injectable()
export class Seats {
  private readonly offerMs: number;

  constructor(
    @InjectRepository(EventSessionEntity) private readonly sessions: Repository<EventSessionEntity>,
    @InjectRepository(RegistrationEntity) private readonly registrations: Repository<RegistrationEntity>,
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.offerMs = config.events.offerHours * HOUR_MS;
  }

  /** Locks the sessions' rows until the transaction ends. */
  lock(sessionIds: number[]): Promise<void> {
    return lockRows(this.sessions, sessionIds);
  }

  /** Takes one seat if one is left; false when the session is full. */
  async take(sessionId: number): Promise<boolean> {
    const { affected } = await this.sessions
      .createQueryBuilder()
      .update(EventSessionEntity)
      .set({ taken: () => 'taken + 1' })
      .where('id = :sessionId AND taken < capacity', { sessionId })
      .execute();
    return (affected ?? 0) > 0;
  }

  /**
   * One seat of the session is no longer held (its registration was cancelled or its hold ran
   * out): offered to the first on the waiting list, or counted free when nobody waits.
   */
  async release(sessionId: number, at: Date): Promise<void> {
    const offered = await this.offerWaiting(sessionId, 1, at);
    if (offered === 0) {
      await this.sessions
        .createQueryBuilder()
        .update(EventSessionEntity)
        .set({ taken: () => 'taken - 1' })
        .where('id = :sessionId AND taken > 0', { sessionId })
        .execute();
    }
  }

  /** Cancels a registration under its session's lock; a seat it held is released. */
  async cancel(row: RegistrationEntity, at: Date): Promise<void> {
    const { affected } = await this.registrations.update(
      { id: row.id, state: row.state },
      { state: 'cancelled', liveUserId: null, holdExpiresAt: null, cancelledAt: at, updatedAt: at },
    );
    if (affected && SEAT_HOLDING_STATES.includes(row.state)) await this.release(row.sessionId, at);
  }

  /** Free seats of the session (a raised capacity) offered to as many on the waiting list. */
  async offerFree(sessionId: number, at: Date): Promise<number> {
    const session = await this.sessions.findOneByOrFail({ id: sessionId });
    const free = session.capacity - session.taken;
    if (free <= 0) return 0;
    const offered = await this.offerWaiting(sessionId, free, at);
    if (offered > 0) {
      await this.sessions
        .createQueryBuilder()
        .update(EventSessionEntity)
        .set({ taken: () => `taken + ${offered}` })
        .where('id = :sessionId AND taken + :offered <= capacity', { sessionId, offered })
        .execute();
    }
    return offered;
  }

  /**
   * Offers a held seat to up to `count` of the first waitlisted registrations (id order) and tells
   * each: the message is written in this transaction and sent to WeChat after its commit.
   */
  private async offerWaiting(sessionId: number, count: number, at: Date): Promise<number> {
    const waiting = await this.registrations.find({
      where: { sessionId, state: 'waitlisted' },
      order: { id: 'ASC' },
      take: count,
    });
    if (waiting.length === 0) return 0;
    const session = await this.sessions.findOneByOrFail({ id: sessionId });
    const event = await this.events.findOneByOrFail({ id: session.eventId });
    const deadline = new Date(at.getTime() + this.offerMs);
    let offered = 0;
    for (const row of waiting) {
      const { affected } = await this.registrations.update(
        { id: row.id, state: 'waitlisted' },
        { state: 'offered', holdExpiresAt: deadline, updatedAt: at },
      );
      if (!affected) continue;
      offered++;
      await this.notifications.notify(row.userId, {
        purpose: 'event_seat_offered',
        title: '候补名额已到位',
        body:
          `您候补的“${event.title}”（${session.title}）有名额了，已为您保留至 ${beijingDateTime(deadline)}` +
          `（北京时间）。请在此之前确认${row.priceFen > 0 ? '并支付' : ''}，逾期名额将顺延给下一位候补。`,
        page: `${TICKET_PAGE}?id=${row.id}`,
        fields: { eventTitle: event.title, sessionTitle: session.title, deadline },
      });
    }
    return offered;
  }
}
