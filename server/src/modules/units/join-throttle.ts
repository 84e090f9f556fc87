import { Injectable } from '@nestjs/common';
import { ContactErrorMessage } from '@itss/shared';
import { Throttle } from '../../state/throttle';

export const JOIN_FAILURES_PER_PERSON_PER_HOUR = 5;
export const JOIN_FAILURES_PER_UNIT_PER_DAY = 20;
const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

const personKey = (userId: number): string => `throttle:join:person:${userId}`;
const unitKey = (unitId: number): string => `throttle:join:unit:${unitId}`;

/**
 * Credit-code checks of join requests, so that the 18 characters cannot be guessed and the check
 * cannot be used to learn which units exist: at most 5 failures per person an hour and 20 per unit
 * id a day, counted in SharedState (Redis when configured, across replicas). Each attempt is
 * counted before the check, so a burst cannot all slip under the limit, and given back when the
 * code matched: only failures are left counted.
 */
@Injectable()
export class JoinThrottle {
  constructor(private readonly throttle: Throttle) {}

  /** Takes one attempt for the person and for the unit id, or refuses (429 with the time to wait). */
  reserve(userId: number, unitId: number): Promise<void> {
    return this.throttle.take(
      {
        key: personKey(userId),
        limit: JOIN_FAILURES_PER_PERSON_PER_HOUR,
        windowMs: HOUR_MS,
        message: ContactErrorMessage.JoinChecksPerPersonExceeded,
      },
      {
        key: unitKey(unitId),
        limit: JOIN_FAILURES_PER_UNIT_PER_DAY,
        windowMs: DAY_MS,
        message: ContactErrorMessage.JoinChecksPerUnitExceeded,
      },
    );
  }

  /** The code matched (or was never checked): the attempt is not a failure. */
  async giveBack(userId: number, unitId: number): Promise<void> {
    await this.throttle.giveBack(personKey(userId));
    await this.throttle.giveBack(unitKey(unitId));
  }
}
