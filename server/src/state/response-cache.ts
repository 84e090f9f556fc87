import { Inject, Injectable, Logger } from '@nestjs/common';
import { SharedState } from './shared-state';

/** Injection token: false when RESPONSE_CACHE=off. */
export const RESPONSE_CACHE_ENABLED = Symbol('RESPONSE_CACHE_ENABLED');

/** Its own corner of SharedState, so invalidate('') can never reach a throttle counter or a lock. */
const NAMESPACE = 'response:';
/** During an outage every request would fail the same way: say so once a minute, not per request. */
const WARN_EVERY_MS = 60_000;

/**
 * Public reads that every caller sees alike (the handbook, levels, services), kept as JSON text in
 * SharedState so that all replicas serve and forget them together.
 *
 * Keys are named by their owner, `<feature>:<what>` (`membership:levels`): the code that changes a
 * feature's data calls `invalidate('<feature>:')` after its transaction commits. The TTL is only the
 * bound on staleness when nobody invalidates (an operator's SQL, a lost race across replicas), not
 * the way content gets fresh.
 */
@Injectable()
export class ResponseCache {
  /** Loads in progress in this process: a burst of misses on one key runs the load once. */
  private readonly loading = new Map<string, Promise<string>>();
  /** Bumped by invalidate: a load that started before it must not store what it read. */
  private generation = 0;
  private readonly logger = new Logger(ResponseCache.name);
  private warnedAt = -Infinity;

  constructor(
    private readonly state: SharedState,
    @Inject(RESPONSE_CACHE_ENABLED) private readonly enabled: boolean,
  ) {}

  /**
   * The value of `key` as JSON text, loaded on a miss. Serving the text spares a hit both the reads
   * and the serialisation. If SharedState fails (Redis down), the value is loaded as if uncached:
   * a cache outage slows public reads, it does not break them.
   */
  async getOrLoadJson(key: string, ttlMs: number, load: () => Promise<unknown>): Promise<string> {
    if (!this.enabled) return serialise(key, await load());
    const cached = await this.state.get(NAMESPACE + key).catch((error: unknown) => this.degraded(error));
    if (cached !== undefined) return cached;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.loadAndStore(key, ttlMs, load).finally(() => {
        if (this.loading.get(key) === pending) this.loading.delete(key);
      });
      this.loading.set(key, pending);
    }
    return pending;
  }

  /**
   * The same as a value. It went through JSON, on a miss too, so what the caller gets does not
   * depend on whether it was cached: T must be plain JSON data (the contract's response types are).
   */
  async getOrLoad<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
    return JSON.parse(await this.getOrLoadJson(key, ttlMs, load)) as T;
  }

  /**
   * Forgets every cached value whose key starts with `prefix`, in every replica. Call it after the
   * change is committed, or a reader may cache the old rows again. Never throws: the change itself
   * succeeded, and a failed invalidation heals within the TTL.
   */
  async invalidate(prefix: string): Promise<void> {
    this.generation++;
    for (const key of this.loading.keys()) if (key.startsWith(prefix)) this.loading.delete(key);
    await this.state.deleteByPrefix(NAMESPACE + prefix).catch((error: unknown) => this.degraded(error));
  }

  private async loadAndStore(key: string, ttlMs: number, load: () => Promise<unknown>): Promise<string> {
    const generation = this.generation;
    const json = serialise(key, await load());
    if (generation === this.generation) {
      await this.state.set(NAMESPACE + key, json, ttlMs).catch((error: unknown) => this.degraded(error));
    }
    return json;
  }

  private degraded(error: unknown): undefined {
    const now = Date.now();
    if (now - this.warnedAt >= WARN_EVERY_MS) {
      this.warnedAt = now;
      this.logger.warn(
        `Serving uncached: shared state failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return undefined;
  }
}

function serialise(key: string, value: unknown): string {
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) throw new Error(`Response cache "${key}": the loader returned no JSON value`);
  return json;
}
