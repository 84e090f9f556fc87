import { randomBytes } from 'node:crypto';

/** What withLock did: `ran: false` when another holder had the lock, so `fn` never started. */
export type LockOutcome<T> = { ran: true; value: T } | { ran: false };

/**
 * State that every replica of the server must see alike: throttle counters, cached values, locks.
 * In Redis when REDIS_URL is set, in this process's memory otherwise (one replica, development,
 * tests). Both implementations pass the same contract (shared-state.spec.ts), so callers never
 * ask which one they have.
 *
 * Keys are the caller's own names (`login:ip:1.2.3.4`, `wechat:access_token:…`); the
 * implementation adds the deployment's namespace. Every write takes a TTL: nothing here is
 * meant to live forever, and a forgotten key must not grow the store without bound.
 */
export abstract class SharedState {
  /**
   * Counts one event in a fixed window and returns the count including it (1 for the first). The
   * window starts with the first hit and the counter vanishes `windowMs` later. Atomic across
   * replicas: call it before the expensive or guessable thing, then refuse when the count is over
   * the limit, so that concurrent attempts cannot all slip under it.
   */
  abstract hit(key: string, windowMs: number): Promise<number>;

  /** The current count of a `hit` counter without counting; 0 when none is running. */
  abstract peek(key: string): Promise<number>;

  /**
   * Takes back one `hit` of a running counter and returns the count left, in one atomic step: for an
   * attempt that was reserved with `hit` and turned out not to count (a login that succeeded). Never
   * goes below 0, keeps the window of the first hit, and starts no counter: 0 when none is running.
   */
  abstract decrement(key: string): Promise<number>;

  /**
   * How long a key has left, in milliseconds; 0 when it is absent. For telling a throttled person
   * when their window ends (请 42 分钟后再试).
   */
  abstract ttl(key: string): Promise<number>;

  abstract get(key: string): Promise<string | undefined>;

  abstract set(key: string, value: string, ttlMs: number): Promise<void>;

  abstract del(key: string): Promise<void>;

  /**
   * Deletes the key only while it still holds `expected`, in one step. For "forget this value
   * because it failed" when another replica may already have stored a good one, and for releasing
   * a lock one still owns.
   */
  abstract deleteIfEquals(key: string, expected: string): Promise<boolean>;

  /** Deletes every key that starts with `prefix` (within this deployment's namespace); returns how many. */
  abstract deleteByPrefix(prefix: string): Promise<number>;

  /** Stores `value` only if the key is absent; true when it was stored. */
  protected abstract setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;

  /** Closes the connection, if any; the state is unusable afterwards. */
  abstract close(): Promise<void>;

  /** Parsed JSON, or undefined when absent or not JSON; callers validate the shape they expect. */
  async getJson(key: string): Promise<unknown> {
    const text = await this.get(key);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }

  setJson(key: string, value: unknown, ttlMs: number): Promise<void> {
    return this.set(key, JSON.stringify(value), ttlMs);
  }

  /**
   * Takes a lock for at most `ttlMs`, or returns null while someone else holds it. The TTL is what
   * frees the lock when its holder dies; choose it longer than the work it guards. The token
   * proves ownership to `release`, so a holder whose lock expired cannot free the next holder's.
   */
  async acquire(key: string, ttlMs: number): Promise<string | null> {
    const token = randomBytes(16).toString('hex');
    return (await this.setIfAbsent(key, token, ttlMs)) ? token : null;
  }

  /** Frees a lock taken with `acquire`; false when it had already expired (and maybe been retaken). */
  release(key: string, token: string): Promise<boolean> {
    return this.deleteIfEquals(key, token);
  }

  /** Runs `fn` under the lock if it is free right now; never waits for it. */
  async withLock<T>(key: string, ttlMs: number, fn: () => Promise<T>): Promise<LockOutcome<T>> {
    const token = await this.acquire(key, ttlMs);
    if (token === null) return { ran: false };
    try {
      return { ran: true, value: await fn() };
    } finally {
      await this.release(key, token);
    }
  }
}

/** A TTL both Redis (PX needs an integer ≥ 1) and the memory store accept. */
export function checkTtl(ttlMs: number): number {
  if (!Number.isFinite(ttlMs) || ttlMs < 1) throw new RangeError(`TTL must be at least 1 ms, got ${ttlMs}`);
  return Math.ceil(ttlMs);
}
