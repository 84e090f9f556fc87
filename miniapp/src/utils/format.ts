/** 3000 → "3,000 元/年". Grouped by hand: number locale data is incomplete on some WeChat runtimes. */
export function formatAnnualFee(yuan: number): string {
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${grouped} 元/年`;
}

/** An ISO instant as Beijing time, "2026-03-05 14:07": built by hand, time-zone data is unreliable on devices. */
export function formatBeijingTime(iso: string): string {
  const date = new Date(new Date(iso).getTime() + 8 * 3600 * 1000);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

/** An ISO instant as its Beijing date, "2026-03-05". */
export function formatBeijingDate(iso: string): string {
  return formatBeijingTime(iso).slice(0, 10);
}
