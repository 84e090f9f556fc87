import { MemorySharedState } from '../../state/memory-shared-state';
import { Throttle } from '../../state/throttle';
import { PHONE_ATTEMPTS_PER_DAY, PHONE_ATTEMPTS_PER_WINDOW, PhoneThrottle } from './phone-throttle';

const MINUTE = 60_000;

describe('PhoneThrottle', () => {
  it('allows 5 bindings per person in 10 minutes and 10 a day, each person counted alone', async () => {
    let now = 0;
    const throttle = new PhoneThrottle(new Throttle(new MemorySharedState(() => now)));
    for (let i = 0; i < PHONE_ATTEMPTS_PER_WINDOW; i++) await throttle.reserve(1);
    await expect(throttle.reserve(1)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: '绑定手机号的尝试过于频繁，请十分钟后再试',
    });
    await throttle.reserve(2);

    now += 10 * MINUTE;
    for (let i = PHONE_ATTEMPTS_PER_WINDOW; i < PHONE_ATTEMPTS_PER_DAY; i++) await throttle.reserve(1);
    now += 10 * MINUTE;
    await expect(throttle.reserve(1)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: '今天绑定手机号的尝试次数已达上限，请明天再试',
    });

    now = 24 * 60 * MINUTE;
    await throttle.reserve(1);
  });
});
