/** A value a query string can carry; null and undefined leave the key out. */
export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

/**
 * `?a=1&b=x` from the defined values, or '' when none is; built by hand because WeChat's logic layer
 * has no URLSearchParams.
 */
export function queryString(query: Query = {}): string {
  const pairs = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}
