import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { itWithRedis, testRedisConfig } from '../../test/support/state-backends';
import { MemorySharedState } from '../state/memory-shared-state';
import { openRedisState } from '../state/redis-shared-state';
import type { SharedState } from '../state/shared-state';
import { type JobDefinition, JobScheduler } from './job-scheduler';

const PERIOD_MS = 1000;

/** A job that records the slot of each run (its `now` cut to the period) and which scheduler ran it. */
function recorder(
  name: string,
  runs: { slot: number; by: string }[],
  by: string,
  work = () => Promise.resolve(),
) {
  return {
    name,
    schedule: { everyMs: PERIOD_MS },
    run: async (now: Date) => {
      runs.push({ slot: Math.floor(now.getTime() / PERIOD_MS), by });
      await work();
    },
  } satisfies JobDefinition;
}

describe('JobScheduler', () => {
  describe('in memory', () => {
    beforeEach(() => jest.useFakeTimers({ now: new Date('2026-03-01T00:00:00.300Z') }));
    afterEach(() => jest.useRealTimers());

    it('runs a job once per slot on its timer, and stops at shutdown', async () => {
      const runs: { slot: number; by: string }[] = [];
      const scheduler = new JobScheduler(new MemorySharedState(), { timers: true });
      scheduler.register(recorder('tick', runs, 'a'));
      scheduler.onApplicationBootstrap();
      await jest.advanceTimersByTimeAsync(PERIOD_MS * 3);
      const first = runs[0]?.slot ?? NaN;
      expect(runs.map((run) => run.slot - first)).toEqual([0, 1, 2]);
      await scheduler.beforeApplicationShutdown();
      await jest.advanceTimersByTimeAsync(PERIOD_MS * 3);
      expect(runs).toHaveLength(3);
    });

    it('fires a daily job at its Beijing time', async () => {
      const at: string[] = [];
      const scheduler = new JobScheduler(new MemorySharedState(), { timers: true });
      scheduler.register({
        name: 'daily',
        schedule: { dailyAt: '09:00' },
        run: (now) => Promise.resolve(at.push(now.toISOString())),
      });
      scheduler.onApplicationBootstrap();
      await jest.advanceTimersByTimeAsync(2 * 24 * 3600_000);
      // 09:00 in Beijing is 01:00 UTC.
      expect(at).toEqual(['2026-03-01T01:00:00.000Z', '2026-03-02T01:00:00.000Z']);
      await scheduler.beforeApplicationShutdown();
    });

    it('runs nothing without timers (tests), and runNow runs the work at the given now', async () => {
      const seen: Date[] = [];
      const scheduler = new JobScheduler(new MemorySharedState(), { timers: false });
      scheduler.register({
        name: 'x',
        schedule: { everyMs: PERIOD_MS },
        run: (now) => Promise.resolve(seen.push(now)),
      });
      scheduler.onApplicationBootstrap();
      await jest.advanceTimersByTimeAsync(PERIOD_MS * 5);
      expect(seen).toEqual([]);
      const at = new Date('2027-01-01T00:00:00Z');
      await scheduler.runNow('x', at);
      expect(seen).toEqual([at]);
      await expect(scheduler.runNow('unknown', at)).rejects.toThrow('no job unknown');
      expect(() =>
        scheduler.register({ name: 'x', schedule: { everyMs: PERIOD_MS }, run: () => Promise.resolve() }),
      ).toThrow('registered twice');
      expect(() =>
        scheduler.register({ name: 'bad', schedule: { dailyAt: '9:00' }, run: () => Promise.resolve() }),
      ).toThrow(RangeError);
    });

    it('runs one at a time, survives a failed run, and lets a run under way finish at shutdown', async () => {
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      let finish: () => void = () => undefined;
      let calls = 0;
      const scheduler = new JobScheduler(new MemorySharedState(), { timers: true });
      scheduler.register({
        name: 'slow',
        schedule: { everyMs: PERIOD_MS },
        run: () => {
          calls += 1;
          if (calls === 1) return Promise.reject(new Error('database unreachable'));
          return new Promise<void>((resolve) => (finish = resolve));
        },
      });
      scheduler.onApplicationBootstrap();
      await jest.advanceTimersByTimeAsync(PERIOD_MS);
      expect(logged).toHaveBeenCalledWith(
        expect.stringContaining('job slow failed: Error: database unreachable'),
      );
      await jest.advanceTimersByTimeAsync(PERIOD_MS);
      // Still running when the next slot comes: not started twice.
      await jest.advanceTimersByTimeAsync(PERIOD_MS);
      expect(warned).toHaveBeenCalledWith('job slow: the previous run is still going; slot skipped');
      let stopped = false;
      const stopping = scheduler.beforeApplicationShutdown().then(() => (stopped = true));
      await Promise.resolve();
      expect(stopped).toBe(false);
      finish();
      await stopping;
      expect([calls, stopped]).toEqual([2, true]);
      logged.mockRestore();
      warned.mockRestore();
    });
  });

  describe('on one Redis', () => {
    let states: SharedState[] = [];
    afterEach(async () => {
      await states[0]?.deleteByPrefix('');
      await Promise.all(states.map((state) => state.close()));
      states = [];
    });

    itWithRedis(
      'runs each slot on one of two schedulers only',
      async () => {
        const config = testRedisConfig();
        states = [await openRedisState(config), await openRedisState(config)];
        const runs: { slot: number; by: string }[] = [];
        // A run that takes a while, so both schedulers' timers fire while the slot is being worked.
        const work = () => sleep(50);
        const schedulers = states.map((state, i) => {
          const scheduler = new JobScheduler(state, { timers: true });
          scheduler.register(recorder('shared', runs, `replica-${i}`, work));
          return scheduler;
        });
        for (const scheduler of schedulers) scheduler.onApplicationBootstrap();
        await sleep(PERIOD_MS * 4 + 200);
        await Promise.all(schedulers.map((scheduler) => scheduler.beforeApplicationShutdown()));
        const slots = runs.map((run) => run.slot);
        expect(slots.length).toBeGreaterThanOrEqual(3);
        expect(new Set(slots).size).toBe(slots.length);
        // Consecutive: no slot was lost to the other replica's claim either.
        const first = slots[0] ?? NaN;
        expect(slots).toEqual(slots.map((_, i) => first + i));
      },
      15_000,
    );
  });
});
