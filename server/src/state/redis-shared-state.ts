import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { RedisConfig } from '../config/config';
import { SharedState, checkTtl } from './shared-state';

/** A reason not to start, worded for the operator who reads the log. */
export class StateStartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StateStartupError';
  }
}

/** Long enough for a TLS handshake to a managed Redis, short enough that a wrong host fails start-up fast. */
const CONNECT_TIMEOUT_MS = 3000;
/** A Redis that stops answering must not hold requests: the caller gets an error and decides. */
const COMMAND_TIMEOUT_MS = 2000;
const SCAN_BATCH = 500;

// PTTL < 0 also repairs a counter left without expiry (set by hand, or by an old release).
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;
// DECR keeps the key's expiry; a missing, non-numeric or zero counter is left as it is.
const DECREMENT_SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]))
if count == nil or count <= 0 then return 0 end
return redis.call('DECR', KEYS[1])`;
const DELETE_IF_EQUALS_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** Where, without the password a URL may carry. */
function describe(url: string): string {
  return new URL(url).host;
}

/** SCAN's MATCH is a glob: a prefix holding *, ?, [ or \ must match only itself. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

/**
 * SharedState in Redis (ioredis 6), for several replicas. Keys are namespaced here rather than
 * with ioredis's keyPrefix, which SCAN patterns and the keys SCAN returns do not go through.
 *
 * No offline queue: during a Redis outage calls fail at once instead of queueing behind a
 * reconnect, so a throttle or cache in front of a request cannot turn the outage into hung
 * requests. ioredis keeps reconnecting in the background; the log says when it is lost and back.
 */
export class RedisSharedState extends SharedState {
  private readonly logger = new Logger('SharedState');
  private lost = false;

  constructor(
    private readonly redis: Redis,
    private readonly namespace: string,
    where: string,
  ) {
    super();
    // Once per outage: ioredis reports every failed reconnect attempt.
    redis.on('error', (error: Error) => {
      if (this.lost) return;
      this.lost = true;
      this.logger.warn(`Redis at ${where} failed: ${error.message}`);
    });
    redis.on('ready', () => {
      if (!this.lost) return;
      this.lost = false;
      this.logger.log('Redis is back');
    });
  }

  async hit(key: string, windowMs: number): Promise<number> {
    const count = await this.redis.eval(HIT_SCRIPT, 1, this.namespace + key, checkTtl(windowMs));
    return Number(count);
  }

  async decrement(key: string): Promise<number> {
    return Number(await this.redis.eval(DECREMENT_SCRIPT, 1, this.namespace + key));
  }

  async peek(key: string): Promise<number> {
    return Number(await this.redis.get(this.namespace + key)) || 0;
  }

  async ttl(key: string): Promise<number> {
    // PTTL answers -2 for a missing key and -1 for one without expiry (which this store never writes).
    return Math.max(await this.redis.pttl(this.namespace + key), 0);
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.namespace + key)) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(this.namespace + key, value, 'PX', checkTtl(ttlMs));
  }

  async del(key: string): Promise<void> {
    await this.redis.unlink(this.namespace + key);
  }

  async deleteIfEquals(key: string, expected: string): Promise<boolean> {
    return Number(await this.redis.eval(DELETE_IF_EQUALS_SCRIPT, 1, this.namespace + key, expected)) === 1;
  }

  /** SCAN and UNLINK in batches: KEYS would block Redis for every client while it walks the keyspace. */
  async deleteByPrefix(prefix: string): Promise<number> {
    const pattern = `${escapeGlob(this.namespace + prefix)}*`;
    let cursor = '0';
    let deleted = 0;
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_BATCH);
      cursor = next;
      if (keys.length > 0) deleted += await this.redis.unlink(...keys);
    } while (cursor !== '0');
    return deleted;
  }

  protected async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(this.namespace + key, value, 'PX', checkTtl(ttlMs), 'NX')) === 'OK';
  }

  async close(): Promise<void> {
    if (this.redis.status === 'ready') {
      try {
        await this.redis.quit();
        return;
      } catch {
        // Lost while quitting: nothing left to flush, drop the socket below.
      }
    }
    this.redis.disconnect();
  }
}

/** Connects before the server starts: a Redis that is down or misnamed stops start-up with one line. */
export async function openRedisState(config: RedisConfig): Promise<RedisSharedState> {
  const redis = new Redis(config.url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: config.commandTimeoutMs ?? COMMAND_TIMEOUT_MS,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  // connect() only says "Connection is closed"; the error event carries the cause worth printing.
  let cause: Error | undefined;
  const remember = (error: Error): void => {
    cause ??= error;
  };
  redis.on('error', remember);
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    const reason = (cause ?? (error as Error)).message;
    throw new StateStartupError(`Cannot reach Redis at ${describe(config.url)} (REDIS_URL): ${reason}`, {
      cause: error,
    });
  } finally {
    redis.off('error', remember);
  }
  return new RedisSharedState(redis, config.keyPrefix, describe(config.url));
}
