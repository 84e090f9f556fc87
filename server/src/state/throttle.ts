import { Injectable, Logger } from '@nestjs/common';
import { type DeclaredError, ErrorCode } from '@itss/shared';
import { AppError } from '../common/app-error';
import { SharedState } from './shared-state';

/**
 * At most `limit` attempts per `windowMs` under `key`; `message`, declared in the contract with the
 * RATE_LIMITED code (`defineErrorMessages`), tells the person when to come back, as fixed words or
 * made from the time left in the window (请 42 分钟后再试); absent, RATE_LIMITED's own words.
 */
export interface ThrottleLimit {
  key: string;
  limit: number;
  windowMs: number;
  message?: DeclaredError | ((waitMs: number) => DeclaredError);
}

/**
 * Attempts are counted before the expensive or guessable thing they guard (a paid WeChat call, a
 * code check), with SharedState's atomic `hit`: N simultaneous attempts get the counts 1..N and only
 * the first `limit` pass, on every replica alike. Reading a count first and counting after an awaited
 * call let a whole burst slip under the limit. A store that cannot count refuses (503) rather than
 * let an unlimited run through.
 */
@Injectable()
export class Throttle {
  private readonly logger = new Logger(Throttle.name);

  constructor(private readonly state: SharedState) {}

  /** Counts one attempt against each limit in turn; refuses (429, that limit's message) at the first exceeded. */
  async take(...limits: ThrottleLimit[]): Promise<void> {
    for (const { key, limit, windowMs, message } of limits) {
      let count: number;
      try {
        count = await this.state.hit(key, windowMs);
      } catch (error) {
        this.logger.warn(`Throttle unavailable: ${(error as Error).message}`);
        throw new AppError(ErrorCode.ServiceUnavailable);
      }
      if (count > limit) {
        const refusal = typeof message === 'function' ? message(await this.waitFor(key, windowMs)) : message;
        throw new AppError(refusal ?? ErrorCode.RateLimited);
      }
    }
  }

  /** What is left of the window; the whole window when the store cannot say (never shorter than true). */
  private async waitFor(key: string, windowMs: number): Promise<number> {
    try {
      return (await this.state.ttl(key)) || windowMs;
    } catch (error) {
      this.logger.warn(`Throttle window unknown: ${(error as Error).message}`);
      return windowMs;
    }
  }

  /**
   * Gives back an attempt taken under `key` that turned out not to count (a login that succeeded).
   * Never throws: the caller is already answering; a lost give-back only counts one attempt too many.
   */
  async giveBack(key: string): Promise<void> {
    try {
      await this.state.decrement(key);
    } catch (error) {
      this.logger.warn(`Could not give back a throttled attempt: ${(error as Error).message}`);
    }
  }
}
