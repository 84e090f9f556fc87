import {
  beijingDateStamp,
  beijingInstant,
  beijingParts,
  beijingToday,
  formatAnnualFee,
  formatBeijingDate,
  formatBeijingTime,
  formatFen,
  formatFileSize,
  formatYuan,
} from './format';

test.each([
  [3000, '3,000 元/年'],
  [10000, '10,000 元/年'],
  [30000, '30,000 元/年'],
  [1234567, '1,234,567 元/年'],
  [0, '0 元/年'],
])('%i yuan reads as %s', (yuan, text) => {
  expect(formatAnnualFee(yuan)).toBe(text);
});

test('yuan read with the sign and grouped', () => {
  expect(formatYuan(30000)).toBe('¥30,000');
  expect(formatYuan(0)).toBe('¥0');
});

test.each([
  [0, '0.00 元'],
  [5, '0.05 元'],
  [300000, '3,000.00 元'],
  [123456, '1,234.56 元'],
  [-150, '-1.50 元'],
])('%i fen reads as %s', (fen, text) => {
  expect(formatFen(fen)).toBe(text);
});

test.each([
  [200, '1 KB'],
  [2048, '2 KB'],
  [204800, '200 KB'],
  [1024 * 1024, '1.0 MB'],
  [2.4 * 1024 * 1024, '2.4 MB'],
])('%i bytes read as %s', (bytes, text) => {
  expect(formatFileSize(bytes)).toBe(text);
});

test('instants read on the Beijing wall clock, whatever the device zone', () => {
  expect(formatBeijingTime('2026-03-05T06:07:00Z')).toBe('2026-03-05 14:07');
  expect(formatBeijingTime('2026-03-05T16:30:00Z')).toBe('2026-03-06 00:30');
  expect(formatBeijingDate('2026-03-05T16:30:00Z')).toBe('2026-03-06');
  expect(formatBeijingTime('not a date')).toBe('');
  const at = Date.parse('2026-11-23T17:07:00Z');
  expect(beijingParts(at)).toEqual({ date: '2026-11-24', time: '01:07' });
  expect(beijingToday(at)).toBe('2026-11-24');
  expect(beijingDateStamp(new Date(at))).toBe('20261124');
  expect(beijingInstant('2026-11-24', '01:07')).toBe(at);
});
