import { Logger } from '@nestjs/common';
import { CODE_WATCH_INTERVAL_MS, GroupCodeWatch } from './code-watch';
import type { GroupCodesService } from './group-codes.service';

/** The timer alone: what it runs is GroupCodesService.checkExpiringCodes, tested on real databases. */
describe('GroupCodeWatch', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function watchWith(check: (now: Date) => Promise<number>) {
    const runs: Date[] = [];
    const groups = {
      checkExpiringCodes: (now: Date) => {
        runs.push(now);
        return check(now);
      },
    } as unknown as GroupCodesService;
    return { watch: new GroupCodeWatch(groups), runs };
  }

  it('checks every few minutes from start-up and stops at shutdown', async () => {
    const { watch, runs } = watchWith(() => Promise.resolve(0));
    watch.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(CODE_WATCH_INTERVAL_MS * 3);
    expect(runs).toHaveLength(3);
    await watch.beforeApplicationShutdown();
    await jest.advanceTimersByTimeAsync(CODE_WATCH_INTERVAL_MS * 3);
    expect(runs).toHaveLength(3);
  });

  it('lets a check under way finish before the database closes, and survives a failed one', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    let finish: (warned: number) => void = () => undefined;
    let calls = 0;
    const { watch } = watchWith(() => {
      calls += 1;
      if (calls === 1) return Promise.reject(new Error('database unreachable'));
      return new Promise<number>((resolve) => (finish = resolve));
    });
    watch.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(CODE_WATCH_INTERVAL_MS);
    expect(logged).toHaveBeenCalledWith('Checking group codes failed: database unreachable');
    await jest.advanceTimersByTimeAsync(CODE_WATCH_INTERVAL_MS);
    // Still running when the next tick comes: not started twice.
    await jest.advanceTimersByTimeAsync(CODE_WATCH_INTERVAL_MS);
    let stopped = false;
    const stopping = watch.beforeApplicationShutdown().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    finish(1);
    await stopping;
    expect([calls, stopped]).toEqual([2, true]);
    logged.mockRestore();
  });
});
