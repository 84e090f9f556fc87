import { formatAnnualFee } from './format';

test.each([
  [3000, '3,000 元/年'],
  [10000, '10,000 元/年'],
  [30000, '30,000 元/年'],
  [1234567, '1,234,567 元/年'],
  [0, '0 元/年'],
])('%i yuan reads as %s', (yuan, text) => {
  expect(formatAnnualFee(yuan)).toBe(text);
});
