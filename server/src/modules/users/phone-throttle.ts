import { UserErrorMessage } from '@itss/shared';
import { Injectable } from '@nestjs/common';
import { Throttle } from '../../state/throttle';

export const PHONE_ATTEMPTS_PER_WINDOW = 5;
const WINDOW_MS = 10 * 60_000;
export const PHONE_ATTEMPTS_PER_DAY = 10;
const DAY_MS = 24 * 60 * 60_000;

/**
 * Phone bindings per person, counted before WeChat is asked: every getuserphonenumber call is paid,
 * whether the code was good or junk, so successes count too. A person binds a phone once or twice;
 * five tries in ten minutes and ten a day leave room for a mistyped retry and none for a loop.
 */
@Injectable()
export class PhoneThrottle {
  constructor(private readonly throttle: Throttle) {}

  /** Takes one attempt for the person, or refuses (429); 503 when the count cannot be kept. */
  reserve(userId: number): Promise<void> {
    return this.throttle.take(
      {
        key: `throttle:phone:${userId}`,
        limit: PHONE_ATTEMPTS_PER_WINDOW,
        windowMs: WINDOW_MS,
        message: UserErrorMessage.PhoneAttemptsTooMany,
      },
      {
        key: `throttle:phone-day:${userId}`,
        limit: PHONE_ATTEMPTS_PER_DAY,
        windowMs: DAY_MS,
        message: UserErrorMessage.PhoneAttemptsSpentToday,
      },
    );
  }
}
