import { ErrorCode, defineErrorMessages } from '@itss/shared';
import { AppError } from '../common/app-error';
import { MemorySharedState } from './memory-shared-state';
import { Throttle } from './throttle';

/** A feature's declared refusals, as a contract folder declares them. */
const Refusal = defineErrorMessages({
  Reached: { code: ErrorCode.RateLimited, message: (key: string) => `${key} 已达上限` },
  Wait: {
    code: ErrorCode.RateLimited,
    message: (waitMs: number) => `请 ${Math.ceil(waitMs / 60_000)} 分钟后再试`,
  },
});

const limit = (key: string, max: number) => ({
  key,
  limit: max,
  windowMs: 60_000,
  message: Refusal.Reached(key),
});

/** A store whose every call fails, as a Redis that stopped answering. */
class BrokenState extends MemorySharedState {
  override hit(): Promise<number> {
    return Promise.reject(new Error('connection lost'));
  }
  override decrement(): Promise<number> {
    return Promise.reject(new Error('connection lost'));
  }
}

describe('Throttle', () => {
  it('lets the first `limit` of 30 simultaneous attempts through and refuses the rest with 429', async () => {
    const throttle = new Throttle(new MemorySharedState());
    const outcomes = await Promise.allSettled(Array.from({ length: 30 }, () => throttle.take(limit('k', 5))));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(5);
    for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
      expect(outcome.reason).toMatchObject({ code: 'RATE_LIMITED', message: 'k 已达上限' });
    }
  });

  it('counts against every limit in turn and answers with the first one exceeded', async () => {
    const throttle = new Throttle(new MemorySharedState());
    await throttle.take(limit('short', 1), limit('long', 5));
    await expect(throttle.take(limit('short', 1), limit('long', 5))).rejects.toMatchObject({
      message: 'short 已达上限',
    });
    // The refused attempt above stopped at `short`: `long` counted one attempt, not two.
    await throttle.take(limit('other', 9), limit('long', 2));
    await expect(throttle.take(limit('other', 9), limit('long', 2))).rejects.toMatchObject({
      message: 'long 已达上限',
    });
  });

  it('lets an attempt given back be taken again', async () => {
    const throttle = new Throttle(new MemorySharedState());
    for (let i = 0; i < 10; i++) {
      await throttle.take(limit('k', 1));
      await throttle.giveBack('k');
    }
    await throttle.take(limit('k', 1));
    await expect(throttle.take(limit('k', 1))).rejects.toBeInstanceOf(AppError);
  });

  it('words the refusal with the time left in the window when the limit asks for it', async () => {
    let now = 1_000_000;
    const throttle = new Throttle(new MemorySharedState(() => now));
    const waiting = {
      key: 'k',
      limit: 1,
      windowMs: 3_600_000,
      message: Refusal.Wait,
    };
    await throttle.take(waiting);
    now += 18 * 60_000;
    await expect(throttle.take(waiting)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: '请 42 分钟后再试',
    });
  });

  it('refuses with RATE_LIMITED’s own words when the limit declares none', async () => {
    const throttle = new Throttle(new MemorySharedState());
    const bare = { key: 'k', limit: 1, windowMs: 60_000 };
    await throttle.take(bare);
    await expect(throttle.take(bare)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: '操作过于频繁，请稍后再试',
    });
  });

  it('refuses with 503 when the store cannot count, and gives back without throwing', async () => {
    const throttle = new Throttle(new BrokenState());
    await expect(throttle.take(limit('k', 5))).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    await expect(throttle.giveBack('k')).resolves.toBeUndefined();
  });
});
