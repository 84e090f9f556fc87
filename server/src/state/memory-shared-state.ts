import { SharedState, checkTtl } from './shared-state';

interface Entry {
  value: string;
  expiresAt: number;
}

/** Sweep expired entries after this many writes, so keys nobody reads again do not pile up. */
const SWEEP_EVERY_WRITES = 1000;

/** Like Redis calls, fail by rejecting: callers that only catch rejections must see every failure. */
function settle<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/**
 * SharedState for a single process. Every operation completes synchronously inside one call, so on
 * Node's single thread each is as atomic as its Redis counterpart. Values are kept as strings, like
 * Redis keeps them, so that code tested here behaves the same on Redis.
 */
export class MemorySharedState extends SharedState {
  private readonly entries = new Map<string, Entry>();
  private writes = 0;

  constructor(private readonly now: () => number = Date.now) {
    super();
  }

  hit(key: string, windowMs: number): Promise<number> {
    return settle(() => {
      const ttl = checkTtl(windowMs);
      const entry = this.live(key);
      const count = (entry ? Number(entry.value) || 0 : 0) + 1;
      this.write(key, String(count), entry ? entry.expiresAt : this.now() + ttl);
      return count;
    });
  }

  decrement(key: string): Promise<number> {
    return settle(() => {
      const entry = this.live(key);
      if (!entry) return 0;
      const count = Math.max((Number(entry.value) || 0) - 1, 0);
      this.write(key, String(count), entry.expiresAt);
      return count;
    });
  }

  peek(key: string): Promise<number> {
    return Promise.resolve(Number(this.live(key)?.value) || 0);
  }

  ttl(key: string): Promise<number> {
    const entry = this.live(key);
    return Promise.resolve(entry ? entry.expiresAt - this.now() : 0);
  }

  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.live(key)?.value);
  }

  set(key: string, value: string, ttlMs: number): Promise<void> {
    return settle(() => this.write(key, value, this.now() + checkTtl(ttlMs)));
  }

  del(key: string): Promise<void> {
    this.entries.delete(key);
    return Promise.resolve();
  }

  deleteIfEquals(key: string, expected: string): Promise<boolean> {
    if (this.live(key)?.value !== expected) return Promise.resolve(false);
    this.entries.delete(key);
    return Promise.resolve(true);
  }

  deleteByPrefix(prefix: string): Promise<number> {
    let deleted = 0;
    for (const key of this.entries.keys()) {
      if (key.startsWith(prefix) && this.live(key)) {
        this.entries.delete(key);
        deleted++;
      }
    }
    return Promise.resolve(deleted);
  }

  protected setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return settle(() => {
      const ttl = checkTtl(ttlMs);
      if (this.live(key)) return false;
      this.write(key, value, this.now() + ttl);
      return true;
    });
  }

  /** Entries held, expired ones not yet swept included. */
  get size(): number {
    return this.entries.size;
  }

  close(): Promise<void> {
    this.entries.clear();
    return Promise.resolve();
  }

  /** The entry unless it has expired (then it is dropped on the spot). */
  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private write(key: string, value: string, expiresAt: number): void {
    this.entries.set(key, { value, expiresAt });
    if (++this.writes % SWEEP_EVERY_WRITES === 0) {
      const now = this.now();
      for (const [k, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(k);
    }
  }
}
