/**
 * Amounts as people read them, the same on the phone, in staff's pages and in what the server
 * writes (messages, the audit log). Built by hand: number locale data is incomplete on some WeChat
 * runtimes.
 */

/** 1234567 → "1,234,567". */
export function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Whole yuan: 10000 → "10,000 元". */
export function formatYuanAmount(yuan: number): string {
  return `${groupThousands(String(yuan))} 元`;
}
