import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EventError } from '@itss/shared';
import { In, Not, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { wholeSeconds } from '../../common/time';
import { type SessionInputParsed, unknownSession } from './event-rules';
import { EventSessionEntity } from './event-session.entity';
import { RegistrationEntity } from './registration.entity';
import { Seats } from './seats';

/**
 * An event's sessions replaced by an edit's whole list, inside the edit's transaction, with the
 * sessions' rows locked: a capacity may not fall below the seats held (409), a session with live
 * registrations may not go (409), and seats a raised capacity adds are offered to the waiting list
 * at once.
 */
@Injectable()
export class EventSessionsEditor {
  constructor(
    @InjectRepository(EventSessionEntity) private readonly sessions: Repository<EventSessionEntity>,
    @InjectRepository(RegistrationEntity) private readonly registrations: Repository<RegistrationEntity>,
    private readonly seats: Seats,
  ) {}

  async replace(eventId: number, inputs: readonly SessionInputParsed[], at: Date): Promise<void> {
    const existing = await this.sessions.findBy({ eventId });
    await this.seats.lock(existing.map((row) => row.id));
    const current = new Map((await this.sessions.findBy({ eventId })).map((row) => [row.id, row]));
    const named = new Set<number>();
    inputs.forEach((input, index) => {
      if (input.id === undefined) return;
      if (!current.has(input.id) || named.has(input.id)) throw unknownSession(index);
      named.add(input.id);
    });
    const kept = new Set(inputs.flatMap((input) => (input.id === undefined ? [] : [input.id])));
    const removed = [...current.keys()].filter((id) => !kept.has(id));
    if (
      removed.length &&
      (await this.registrations.existsBy({ sessionId: In(removed), state: Not('cancelled') }))
    ) {
      throw new AppError(EventError.SessionInUse);
    }
    const raised: number[] = [];
    for (const [position, input] of inputs.entries()) {
      const fields = {
        position,
        title: input.title,
        startsAt: wholeSeconds(new Date(input.startsAt)),
        endsAt: wholeSeconds(new Date(input.endsAt)),
        capacity: input.capacity,
      };
      const row = input.id === undefined ? undefined : current.get(input.id);
      if (!row) {
        await this.sessions.insert({ eventId, ...fields, taken: 0, remindedAt: null });
        continue;
      }
      if (input.capacity < row.taken) throw new AppError(EventError.CapacityBelowTaken);
      // A session moved to another time is reminded again before its new start.
      const moved = fields.startsAt.getTime() !== row.startsAt.getTime();
      await this.sessions.update({ id: row.id }, { ...fields, ...(moved && { remindedAt: null }) });
      if (input.capacity > row.capacity) raised.push(row.id);
    }
    if (removed.length) await this.sessions.delete({ id: In(removed) });
    for (const sessionId of raised) await this.seats.offerFree(sessionId, at);
  }
}
