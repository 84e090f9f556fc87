import { Injectable, Logger } from '@nestjs/common';
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
 * cannot be used to learn which units exist, counted in SharedState (Redis when configured, across
 * replicas). A person has at most 5 failures an hour: each attempt is counted before the check, so
 * a burst cannot all slip under the limit, and given back when the code matched.
 *
 * Failures against one unit id are counted too (20 a day), but only wrong codes are refused past
 * that limit: a few accounts of strangers must not lock the unit's own people out of asking with
 * the right code. A matched code only files a request, which the primary contact or staff decide,
 * so it opens nothing by itself; guessing stays bounded by each person's limit, and a unit past
 * its limit is logged for the operator to see an account farm at work.
 */
@Injectable()
export class JoinThrottle {
  private readonly logger = new Logger(JoinThrottle.name);

  constructor(private readonly throttle: Throttle) {}

  /** Takes one attempt for the person, or refuses (429 with the time to wait). */
  reserve(userId: number): Promise<void> {
    return this.throttle.take({
      key: personKey(userId),
      limit: JOIN_FAILURES_PER_PERSON_PER_HOUR,
      windowMs: HOUR_MS,
      message: ContactErrorMessage.JoinChecksPerPersonExceeded,
    });
  }

  /** The code matched (or was never checked): the attempt is not a failure. */
  async giveBack(userId: number): Promise<void> {
    await this.throttle.giveBack(personKey(userId));
  }

  /** A wrong code for this unit id: counted, and refused with 429 past the unit's daily limit. */
  async failedFor(unitId: number): Promise<void> {
    try {
      await this.throttle.take({
        key: unitKey(unitId),
        limit: JOIN_FAILURES_PER_UNIT_PER_DAY,
        windowMs: DAY_MS,
        message: ContactErrorMessage.JoinChecksPerUnitExceeded,
      });
    } catch (refusal) {
      this.logger.warn(`Unit id ${unitId}: over ${JOIN_FAILURES_PER_UNIT_PER_DAY} wrong credit codes today`);
      throw refusal;
    }
  }
}
