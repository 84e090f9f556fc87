import { beijingDate, beijingDateTime, now, wholeSeconds } from './time';

describe('time', () => {
  it('now() has whole seconds', () => {
    expect(now().getMilliseconds()).toBe(0);
    expect(wholeSeconds(new Date('2026-03-01T10:00:00.999Z')).toISOString()).toBe('2026-03-01T10:00:00.000Z');
  });

  it('writes dates and times in Beijing, across midnight and the year', () => {
    const lateUtc = new Date('2025-12-31T16:30:00Z');
    expect(beijingDate(lateUtc)).toBe('2026-01-01');
    expect(beijingDateTime(lateUtc)).toBe('2026-01-01 00:30');
    const early = new Date('2026-06-01T15:59:59Z');
    expect(beijingDate(early)).toBe('2026-06-01');
    expect(beijingDateTime(early)).toBe('2026-06-01 23:59');
    expect(beijingDateTime(new Date('2026-06-01T04:05:00Z'))).toBe('2026-06-01 12:05');
  });
});
