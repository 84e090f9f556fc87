/** 3000 → "3,000 元/年". Grouped by hand: number locale data is incomplete on some WeChat runtimes. */
export function formatAnnualFee(yuan: number): string {
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${grouped} 元/年`;
}
