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

/** Integer fen as yuan with two decimals: 300000 → "3,000.00 元", -150 → "-1.50 元". */
export function formatFen(fen: number): string {
  return `${formatFenNumber(fen)} 元`;
}

/** Integer fen as a yuan figure without the unit: 300000 → "3,000.00". */
export function formatFenNumber(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${groupThousands(String(Math.floor(abs / 100)))}.${cents}`;
}

/**
 * A yuan amount as people type or banks print it ("3000", "3,000.5", "3000.00", "¥3000") → integer
 * fen, or null when it is not one: more than two decimals, signs, letters, or nothing. Parsed from the
 * digits, never through floating point.
 */
export function parseYuanToFen(text: string): number | null {
  const cleaned = text
    .trim()
    .replace(/^[¥￥]\s*/, '')
    .replace(/,/g, '')
    .replace(/元$/, '')
    .trim();
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}
