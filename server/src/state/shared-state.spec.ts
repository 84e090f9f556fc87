import { setTimeout as sleep } from 'node:timers/promises';
import { type StatePair, describeEachBackend } from '../../test/support/state-backends';
import { MemorySharedState } from './memory-shared-state';

describeEachBackend('SharedState contract', (backend) => {
  let pair: StatePair;
  beforeEach(async () => {
    pair = await backend.open();
  });
  afterEach(() => pair.close());

  describe('hit', () => {
    it('counts 1, 2, 3 in a window, and starts again at 1 once the window has passed', async () => {
      const { a } = pair;
      expect([await a.hit('k', 150), await a.hit('k', 150), await a.hit('k', 150)]).toEqual([1, 2, 3]);
      expect(await a.peek('k')).toBe(3);
      await sleep(200);
      expect(await a.peek('k')).toBe(0);
      expect(await a.hit('k', 150)).toBe(1);
    });

    it('keeps the window of the first hit: later hits do not extend it', async () => {
      const { a } = pair;
      await a.hit('k', 200);
      await sleep(120);
      expect(await a.hit('k', 200)).toBe(2);
      await sleep(120);
      // 240 ms after the first hit: a sliding expiry would still hold 2.
      expect(await a.peek('k')).toBe(0);
    });

    it('gives 50 simultaneous hits from two replicas the counts 1..50, each exactly once', async () => {
      const { a, b } = pair;
      const counts = await Promise.all(
        Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).hit('burst', 10_000)),
      );
      expect([...counts].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(await a.peek('burst')).toBe(50);
    });

    it('peeks 0 at a counter nobody hit, and peeking does not count', async () => {
      expect(await pair.a.peek('never')).toBe(0);
      expect(await pair.a.peek('never')).toBe(0);
      expect(await pair.a.hit('never', 1000)).toBe(1);
    });

    it('takes a hit back, never below 0, keeping the window, and starts no counter', async () => {
      const { a, b } = pair;
      expect(await a.decrement('none')).toBe(0);
      expect(await a.peek('none')).toBe(0);
      expect(await a.hit('none', 150)).toBe(1);
      await a.hit('k', 150);
      await b.hit('k', 150);
      expect(await b.decrement('k')).toBe(1);
      expect(await a.decrement('k')).toBe(0);
      expect(await a.decrement('k')).toBe(0);
      expect(await a.hit('k', 150)).toBe(1);
      await sleep(200);
      // Still the window of the first hit: decrements did not extend it.
      expect(await a.peek('k')).toBe(0);
    });

    it('gives 40 simultaneous hits and 30 decrements from two replicas a count of 10', async () => {
      const { a, b } = pair;
      await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).hit('mixed', 10_000)));
      const left = await Promise.all(
        Array.from({ length: 30 }, (_, i) => (i % 2 ? b : a).decrement('mixed')),
      );
      expect(Math.min(...left)).toBe(10);
      expect(await a.peek('mixed')).toBe(10);
    });

    it('refuses a window under 1 ms rather than keep a counter forever', async () => {
      await expect(pair.a.hit('k', 0)).rejects.toThrow(RangeError);
    });
  });

  describe('ttl', () => {
    it("tells what is left of a counter's window and of a value's TTL, to every replica; 0 when absent", async () => {
      const { a, b } = pair;
      expect(await a.ttl('none')).toBe(0);
      await a.hit('k', 10_000);
      await sleep(50);
      const left = await b.ttl('k');
      expect(left).toBeGreaterThan(8_000);
      expect(left).toBeLessThanOrEqual(9_960);
      await b.set('v', 'x', 60_000);
      expect(await a.ttl('v')).toBeGreaterThan(50_000);
      await a.hit('short', 100);
      await sleep(150);
      expect(await b.ttl('short')).toBe(0);
    });
  });

  describe('get / set / del', () => {
    it('stores a string for its TTL, seen by every replica', async () => {
      const { a, b } = pair;
      await a.set('greeting', '你好 🚀', 150);
      expect(await b.get('greeting')).toBe('你好 🚀');
      await sleep(200);
      expect(await b.get('greeting')).toBeUndefined();
    });

    it('stores JSON and reads it back; a value that is not JSON reads as absent', async () => {
      const { a } = pair;
      await a.setJson('doc', { items: [1, 2], name: '会员' }, 1000);
      expect(await a.getJson('doc')).toEqual({ items: [1, 2], name: '会员' });
      await a.set('text', 'not json {', 1000);
      expect(await a.getJson('text')).toBeUndefined();
      expect(await a.getJson('missing')).toBeUndefined();
    });

    it('overwrites, deletes, and deletes only a value that is still the expected one', async () => {
      const { a, b } = pair;
      await a.set('token', 'old', 1000);
      await b.set('token', 'new', 1000);
      expect(await a.deleteIfEquals('token', 'old')).toBe(false);
      expect(await a.get('token')).toBe('new');
      expect(await a.deleteIfEquals('token', 'new')).toBe(true);
      expect(await a.get('token')).toBeUndefined();
      await a.set('gone', 'x', 1000);
      await b.del('gone');
      await b.del('gone');
      expect(await a.get('gone')).toBeUndefined();
    });
  });

  describe('deleteByPrefix', () => {
    it('removes the keys under the prefix and only those, even with glob characters in keys', async () => {
      const { a, b } = pair;
      const keys = [
        'membership:levels',
        'membership:obligations',
        'membership:levels?x=1',
        'membership*:odd',
        'membershipx',
        'association:profile',
        'other:membership:levels',
      ];
      // Long enough that none expires before the deletion on a busy machine (1,200 writes took over
      // five seconds there); the pair's close deletes what is left.
      for (const key of keys) await a.set(key, key, 600_000);
      await Promise.all(Array.from({ length: 1200 }, (_, i) => a.set(`membership:bulk:${i}`, 'x', 600_000)));
      expect(await b.deleteByPrefix('membership:')).toBe(1203);
      const left = await Promise.all(keys.map(async (key) => [key, await a.get(key)]));
      expect(left.filter(([, value]) => value !== undefined).map(([key]) => key)).toEqual([
        'membership*:odd',
        'membershipx',
        'association:profile',
        'other:membership:levels',
      ]);
      expect(await b.deleteByPrefix('membership*')).toBe(1);
      expect(await a.get('membershipx')).toBe('membershipx');
      expect(await b.deleteByPrefix('nothing-here:')).toBe(0);
    });
  });

  describe('locks', () => {
    it('excludes a second holder until the first releases', async () => {
      const { a, b } = pair;
      const first = await a.acquire('lock', 5000);
      expect(first).toEqual(expect.any(String));
      expect(await b.acquire('lock', 5000)).toBeNull();
      expect(await a.acquire('lock', 5000)).toBeNull();
      expect(await a.release('lock', first ?? '')).toBe(true);
      const second = await b.acquire('lock', 5000);
      expect(second).toEqual(expect.any(String));
      expect(second).not.toBe(first);
    });

    it('frees the lock of a holder that died once its TTL has passed', async () => {
      const { a, b } = pair;
      expect(await a.acquire('lock', 150)).not.toBeNull();
      expect(await b.acquire('lock', 150)).toBeNull();
      await sleep(200);
      expect(await b.acquire('lock', 150)).not.toBeNull();
    });

    it("never lets a holder whose lock expired release the next holder's lock", async () => {
      const { a, b } = pair;
      const late = await a.acquire('lock', 100);
      await sleep(150);
      const current = await b.acquire('lock', 5000);
      expect(await a.release('lock', late ?? '')).toBe(false);
      expect(await a.acquire('lock', 5000)).toBeNull();
      expect(await b.release('lock', current ?? '')).toBe(true);
    });

    it('gives one of 20 simultaneous contenders the lock', async () => {
      const { a, b } = pair;
      const tokens = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).acquire('lock', 5000)),
      );
      expect(tokens.filter((t) => t !== null)).toHaveLength(1);
    });

    it('withLock runs the work under the lock, frees it after, even on failure, and skips when taken', async () => {
      const { a, b } = pair;
      let inside: Awaited<ReturnType<typeof b.withLock>> | undefined;
      const outer = await a.withLock('job', 5000, async () => {
        inside = await b.withLock('job', 5000, () => Promise.resolve('second'));
        return 'first';
      });
      expect(outer).toEqual({ ran: true, value: 'first' });
      expect(inside).toEqual({ ran: false });
      await expect(a.withLock('job', 5000, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
      expect(await b.withLock('job', 5000, () => Promise.resolve(1))).toEqual({ ran: true, value: 1 });
    });
  });
});

describe('MemorySharedState', () => {
  it('forgets expired entries nobody reads again, so abandoned keys do not pile up', async () => {
    let now = 0;
    const state = new MemorySharedState(() => now);
    for (let i = 0; i < 999; i++) await state.hit(`ip:${i}`, 1000);
    now = 2000;
    expect(state.size).toBe(999);
    // The thousandth write sweeps: only the key it wrote is left.
    await state.set('fresh', 'x', 1000);
    expect(state.size).toBe(1);
  });
});
