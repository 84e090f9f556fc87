import { Injectable, Logger } from '@nestjs/common';
import { ErrorCode } from '@itss/shared';
import { AppError } from '../../common/app-error';
import { SharedState } from '../../state/shared-state';

const WINDOW_MS = 60_000;
export const MAX_FAILED_LOGINS_PER_MINUTE = 20;

const keyOf = (ip: string): string => `throttle:login:${ip}`;

/**
 * Failed logins per address in a one-minute window, counted in SharedState: in Redis when several
 * replicas run, so an address is limited across all of them, not once per replica. A store that
 * cannot answer refuses logins (503) rather than letting an unlimited run through.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);

  constructor(private readonly state: SharedState) {}

  async assertAllowed(ip: string): Promise<void> {
    let failures: number;
    try {
      failures = await this.state.peek(keyOf(ip));
    } catch (error) {
      this.logger.warn(`Login throttle unavailable: ${(error as Error).message}`);
      throw new AppError(ErrorCode.ServiceUnavailable);
    }
    if (failures >= MAX_FAILED_LOGINS_PER_MINUTE) {
      throw new AppError(ErrorCode.RateLimited, '登录失败次数过多，请一分钟后再试');
    }
  }

  /** Never throws: the caller is already answering with the login's own failure. */
  async recordFailure(ip: string): Promise<void> {
    try {
      await this.state.hit(keyOf(ip), WINDOW_MS);
    } catch (error) {
      this.logger.warn(`Could not count a failed login: ${(error as Error).message}`);
    }
  }
}
