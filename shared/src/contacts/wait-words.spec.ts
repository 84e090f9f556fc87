import { ContactErrorMessage, waitWords } from '.';

describe('waitWords', () => {
  it('says minutes up to an hour and hours with minutes beyond, always rounding up', () => {
    expect(waitWords(0)).toBe('1 分钟');
    expect(waitWords(41 * 60_000 + 1)).toBe('42 分钟');
    expect(waitWords(60 * 60_000)).toBe('60 分钟');
    expect(waitWords(60 * 60_000 + 1)).toBe('1 小时 1 分钟');
    expect(waitWords(3 * 3_600_000)).toBe('3 小时');
    expect(waitWords(23 * 3_600_000 + 59 * 60_000 + 30_000)).toBe('24 小时');
  });

  it('tells a refused credit-code check when to come back, as RATE_LIMITED', () => {
    expect(ContactErrorMessage.JoinChecksPerPersonExceeded(41 * 60_000 + 1)).toEqual({
      code: 'RATE_LIMITED',
      message: '信用代码核对失败次数过多，请 42 分钟后再试',
    });
    expect(ContactErrorMessage.JoinChecksPerUnitExceeded(3 * 3_600_000)).toEqual({
      code: 'RATE_LIMITED',
      message: '信用代码不符，且该单位今日核对失败次数过多，请对照营业执照仔细核对后再提交（3 小时后恢复）',
    });
  });
});
