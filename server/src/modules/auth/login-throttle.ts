import { AuthErrorMessage } from '@itss/shared';
import { Injectable } from '@nestjs/common';
import { Throttle } from '../../state/throttle';

const WINDOW_MS = 60_000;
export const MAX_FAILED_LOGINS_PER_MINUTE = 20;

const keyOf = (ip: string): string => `throttle:login:${ip}`;

/**
 * Logins by code per address in a one-minute window, counted in SharedState (Redis when several
 * replicas run, so an address is limited across all of them). Each attempt is reserved before WeChat
 * is asked, so a burst of bad codes reaches WeChat at most 20 times and cannot spend the app's
 * jscode2session quota for everyone. A login that succeeds gives its attempt back: the 20 bound
 * failures plus logins still in flight, so an office of members behind one address is not locked
 * out by its own successful logins.
 */
@Injectable()
export class LoginThrottle {
  constructor(private readonly throttle: Throttle) {}

  /** Takes one attempt for the address, or refuses (429); 503 when the count cannot be kept. */
  reserve(ip: string): Promise<void> {
    return this.throttle.take({
      key: keyOf(ip),
      limit: MAX_FAILED_LOGINS_PER_MINUTE,
      windowMs: WINDOW_MS,
      message: AuthErrorMessage.LoginsFailedTooMany,
    });
  }

  /** The login succeeded: its attempt does not count against the address. */
  succeeded(ip: string): Promise<void> {
    return this.throttle.giveBack(keyOf(ip));
  }
}
