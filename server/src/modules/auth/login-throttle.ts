import { Injectable } from '@nestjs/common';

const WINDOW_MS = 60_000;
export const MAX_FAILED_LOGINS_PER_MINUTE = 20;

/**
 * Failed logins per address over the last minute. Kept in memory on purpose: a failed login writes
 * nothing to the database. With several replicas each counts its own share, which still stops a
 * brute-force run from one address; a shared counter (Redis) is the step when that is not enough.
 */
@Injectable()
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  isBlocked(ip: string, now = Date.now()): boolean {
    return this.recent(ip, now).length >= MAX_FAILED_LOGINS_PER_MINUTE;
  }

  recordFailure(ip: string, now = Date.now()): void {
    const recent = this.recent(ip, now);
    recent.push(now);
    this.failures.set(ip, recent);
    // Bound the memory an attacker can make us hold: forget idle addresses now and then.
    if (this.failures.size > 10_000) {
      for (const [key, times] of this.failures)
        if (!times.some((t) => t > now - WINDOW_MS)) this.failures.delete(key);
    }
  }

  private recent(ip: string, now: number): number[] {
    return (this.failures.get(ip) ?? []).filter((t) => t > now - WINDOW_MS);
  }
}
