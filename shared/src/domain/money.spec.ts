import { formatYuanAmount, groupThousands } from './money';

describe('money as people read it', () => {
  it.each([
    [0, '0 元'],
    [999, '999 元'],
    [3000, '3,000 元'],
    [10000, '10,000 元'],
    [1234567, '1,234,567 元'],
  ])('%d yuan reads %s', (yuan, text) => {
    expect(formatYuanAmount(yuan)).toBe(text);
  });

  it('groups digits in threes from the right', () => {
    expect(groupThousands('1234')).toBe('1,234');
    expect(groupThousands('123')).toBe('123');
  });
});
