import { beijingToday, dashboardDefaultFrom, dashboardQuerySchema } from './index';

describe('dashboardQuerySchema', () => {
  it('fills in the twelve months ending today', () => {
    const today = beijingToday();
    expect(dashboardQuerySchema.parse({})).toEqual({ from: dashboardDefaultFrom(today), to: today });
    expect(dashboardDefaultFrom('2026-12-07')).toBe('2026-01-01');
    expect(dashboardDefaultFrom('2026-03-31')).toBe('2025-04-01');
  });

  it('takes an exact five-year range and refuses one a day longer, or reversed', () => {
    expect(dashboardQuerySchema.parse({ from: '2021-12-07', to: '2026-12-07' })).toEqual({
      from: '2021-12-07',
      to: '2026-12-07',
    });
    const long = dashboardQuerySchema.safeParse({ from: '2021-12-06', to: '2026-12-07' });
    expect(long.error?.issues[0]?.message).toBe('时间范围不能超过 5 年');
    const reversed = dashboardQuerySchema.safeParse({ from: '2026-12-08', to: '2026-12-07' });
    expect(reversed.error?.issues[0]?.message).toBe('开始日期不能晚于结束日期');
    expect(dashboardQuerySchema.safeParse({ from: '2026-13-01' }).success).toBe(false);
    expect(dashboardQuerySchema.safeParse({ days: '3' }).success).toBe(false);
  });

  it('answers 8 hours ahead of UTC for Beijing', () => {
    expect(beijingToday(Date.UTC(2026, 11, 6, 16, 30))).toBe('2026-12-07');
  });
});
