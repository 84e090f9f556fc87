import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { RedisConfig } from '../../src/config/config';
import { MemorySharedState } from '../../src/state/memory-shared-state';
import { openRedisState } from '../../src/state/redis-shared-state';
import type { SharedState } from '../../src/state/shared-state';

/** The Redis that tests use: the run's REDIS_URL, or the one the development machines run. */
export const TEST_REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const CI = process.env.CI === 'true';

/**
 * Asked once, synchronously, while jest collects the tests, so a suite can be skipped by name rather
 * than pass without running. Any reply counts (even -NOAUTH): something that speaks Redis is there.
 */
function redisAnswers(url: string): boolean {
  const { hostname, port, protocol } = new URL(url);
  const script = `
    const socket = require(${JSON.stringify(protocol === 'rediss:' ? 'node:tls' : 'node:net')}).connect(
      { host: ${JSON.stringify(hostname)}, port: ${Number(port) || 6379}, rejectUnauthorized: false },
      () => socket.write('PING\\r\\n'),
    );
    socket.setTimeout(1500, () => process.exit(1));
    socket.once('data', (data) => process.exit(/^[+-]/.test(String(data)) ? 0 : 1));
    socket.once('error', () => process.exit(1));`;
  return spawnSync(process.execPath, ['-e', script], { timeout: 5000 }).status === 0;
}

export const REDIS_ANSWERS = redisAnswers(TEST_REDIS_URL);

/** A namespace no other test, run or developer shares: parallel and repeated runs never collide. */
export function uniqueKeyPrefix(): string {
  return `itss-test:${process.pid}:${randomBytes(4).toString('hex')}:`;
}

/**
 * Suites run side by side on two cores: a server starting while both are busy has seen Redis's
 * ready check outlast production's 2 s, so tests allow 10 s before calling Redis unreachable.
 */
export function testRedisConfig(): RedisConfig {
  return { url: TEST_REDIS_URL, keyPrefix: uniqueKeyPrefix(), commandTimeoutMs: 10_000 };
}

/**
 * One store seen through two handles, as two replicas see it: two connections to one Redis
 * namespace, or the same object twice in memory (where "two processes" cannot exist).
 */
export interface StatePair {
  a: SharedState;
  b: SharedState;
  /** Deletes what the test stored and closes the connections. */
  close(): Promise<void>;
}

export interface StateBackend {
  name: 'memory' | 'redis';
  open(): Promise<StatePair>;
}

const memory: StateBackend = {
  name: 'memory',
  open() {
    const state = new MemorySharedState();
    return Promise.resolve({ a: state, b: state, close: () => state.close() });
  },
};

const redis: StateBackend = {
  name: 'redis',
  async open() {
    const config = testRedisConfig();
    const a = await openRedisState(config);
    const b = await openRedisState(config);
    return {
      a,
      b,
      async close() {
        await a.deleteByPrefix('');
        await Promise.all([a.close(), b.close()]);
      },
    };
  },
};

/** The store this run keeps shared state in: Redis when the run sets REDIS_URL, memory otherwise. */
export function openRunState(): Promise<StatePair> {
  return (process.env.REDIS_URL ? redis : memory).open();
}

const WHERE = new URL(TEST_REDIS_URL).host;
const MISSING = `no Redis answers at ${WHERE} (REDIS_URL)`;

/** A test that needs a real Redis: skipped by name without one, failed without one under CI=true. */
export function itWithRedis(title: string, fn: () => Promise<void>, timeout?: number): void {
  if (REDIS_ANSWERS) it(title, fn, timeout);
  else if (CI) it(title, () => Promise.reject(new Error(`${MISSING}, and CI=true needs one`)));
  else it.skip(`${title} — SKIPPED: ${MISSING}; start redis-server or set REDIS_URL`, fn);
}

/**
 * Runs the same tests on each SharedState implementation. Without a Redis the Redis half is skipped
 * under a title that says why, except under CI=true, where a missing Redis fails the run.
 */
export function describeEachBackend(title: string, body: (backend: StateBackend) => void): void {
  describe(`${title} (memory)`, () => body(memory));
  if (REDIS_ANSWERS) {
    describe(`${title} (redis at ${new URL(TEST_REDIS_URL).host})`, () => body(redis));
  } else if (CI) {
    describe(`${title} (redis)`, () => {
      it(`needs a Redis at ${new URL(TEST_REDIS_URL).host} under CI=true`, () => {
        throw new Error(`no Redis answers at ${new URL(TEST_REDIS_URL).host} (REDIS_URL)`);
      });
    });
  } else {
    describe.skip(`${title} (redis) — SKIPPED: no Redis answers at ${new URL(TEST_REDIS_URL).host}; start redis-server or set REDIS_URL`, () =>
      body(redis));
  }
}
