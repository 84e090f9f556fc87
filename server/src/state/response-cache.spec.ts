import { Logger } from '@nestjs/common';
import { type StatePair, describeEachBackend } from '../../test/support/state-backends';
import { MemorySharedState } from './memory-shared-state';
import { ResponseCache } from './response-cache';

/** A loader that counts its calls and answers what `rows` holds at the time, like a table. */
function table(rows: string[]) {
  const loader = {
    calls: 0,
    rows,
    load: (): Promise<{ items: string[] }> => {
      loader.calls++;
      return Promise.resolve({ items: [...loader.rows] });
    },
  };
  return loader;
}

describeEachBackend('ResponseCache', (backend) => {
  let pair: StatePair;
  let cache: ResponseCache;
  let other: ResponseCache;
  beforeEach(async () => {
    pair = await backend.open();
    cache = new ResponseCache(pair.a, true);
    other = new ResponseCache(pair.b, true);
  });
  afterEach(() => pair.close());

  it('loads once, then serves the stored JSON to this replica and the others', async () => {
    const levels = table(['会员']);
    expect(await cache.getOrLoad('membership:levels', 5000, levels.load)).toEqual({ items: ['会员'] });
    levels.rows = ['changed'];
    expect(await cache.getOrLoad('membership:levels', 5000, levels.load)).toEqual({ items: ['会员'] });
    expect(await other.getOrLoadJson('membership:levels', 5000, levels.load)).toBe('{"items":["会员"]}');
    expect(levels.calls).toBe(1);
  });

  it('makes the next read fresh in every replica after invalidate(prefix), and only under the prefix', async () => {
    const levels = table(['old']);
    const profile = table(['profile']);
    await cache.getOrLoad('membership:levels', 5000, levels.load);
    await cache.getOrLoad('association:profile', 5000, profile.load);
    levels.rows = ['new'];
    await other.invalidate('membership:');
    expect(await cache.getOrLoad('membership:levels', 5000, levels.load)).toEqual({ items: ['new'] });
    expect(await cache.getOrLoad('association:profile', 5000, profile.load)).toEqual({ items: ['profile'] });
    expect([levels.calls, profile.calls]).toEqual([2, 1]);
  });

  it('loads again once the TTL has passed', async () => {
    const levels = table(['a']);
    await cache.getOrLoad('k', 100, levels.load);
    await new Promise((r) => setTimeout(r, 150));
    await cache.getOrLoad('k', 100, levels.load);
    expect(levels.calls).toBe(2);
  });

  it('runs one load for 30 simultaneous misses of a key', async () => {
    const levels = table(['a']);
    const slow = async () => {
      await new Promise((r) => setTimeout(r, 50));
      return levels.load();
    };
    const answers = await Promise.all(Array.from({ length: 30 }, () => cache.getOrLoadJson('k', 5000, slow)));
    expect(new Set(answers)).toEqual(new Set(['{"items":["a"]}']));
    expect(levels.calls).toBe(1);
  });

  it('does not store what a load read before an invalidation that ran meanwhile', async () => {
    const levels = table(['old']);
    let finish: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    let loaded: () => void = () => undefined;
    // Wait for the read itself, not a fixed delay: a slow store's GET may outlast any sleep.
    const readTheOldRows = new Promise<void>((resolve) => (loaded = resolve));
    const reading = cache.getOrLoad('membership:levels', 5000, async () => {
      const answer = await levels.load();
      loaded();
      await gate;
      return answer;
    });
    await readTheOldRows;
    // The edit commits and invalidates while the read above still holds the old rows.
    levels.rows = ['new'];
    await cache.invalidate('membership:');
    expect(await cache.getOrLoad('membership:levels', 5000, levels.load)).toEqual({ items: ['new'] });
    finish();
    expect(await reading).toEqual({ items: ['old'] });
    expect(await cache.getOrLoad('membership:levels', 5000, levels.load)).toEqual({ items: ['new'] });
  });

  it('stores no failure: every waiting caller sees it and the next read loads again', async () => {
    let calls = 0;
    // Slow enough that the second caller finds the load in flight, whatever the store's latency.
    const failing = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 50));
      throw new Error('database down');
    };
    const results = await Promise.allSettled([
      cache.getOrLoad('k', 5000, failing),
      cache.getOrLoad('k', 5000, failing),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toBe(1);
    expect(await cache.getOrLoad('k', 5000, () => Promise.resolve(1))).toBe(1);
  });

  it('refuses a loader that returns nothing JSON can hold', async () => {
    await expect(cache.getOrLoadJson('k', 5000, () => Promise.resolve(undefined))).rejects.toThrow(
      /returned no JSON value/,
    );
  });
});

describe('ResponseCache, switched off or without its store', () => {
  it('loads on every read when RESPONSE_CACHE=off', async () => {
    const cache = new ResponseCache(new MemorySharedState(), false);
    const levels = table(['a']);
    await cache.getOrLoad('k', 5000, levels.load);
    await cache.getOrLoad('k', 5000, levels.load);
    expect(levels.calls).toBe(2);
  });

  it('serves uncached, warning once, while the shared state fails (Redis down)', async () => {
    const broken = new MemorySharedState();
    const down = () => Promise.reject(new Error('Connection is closed.'));
    jest.spyOn(broken, 'get').mockImplementation(down);
    jest.spyOn(broken, 'set').mockImplementation(down);
    jest.spyOn(broken, 'deleteByPrefix').mockImplementation(down);
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const cache = new ResponseCache(broken, true);
      const levels = table(['a']);
      expect(await cache.getOrLoad('k', 5000, levels.load)).toEqual({ items: ['a'] });
      expect(await cache.getOrLoad('k', 5000, levels.load)).toEqual({ items: ['a'] });
      await expect(cache.invalidate('k')).resolves.toBeUndefined();
      expect(levels.calls).toBe(2);
      expect(warn.mock.calls).toEqual([['Serving uncached: shared state failed: Connection is closed.']]);
    } finally {
      jest.restoreAllMocks();
    }
  });
});
