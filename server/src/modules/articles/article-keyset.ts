/** A keyset position: (time, id) of the last item of the page, as epoch milliseconds and id. */
export interface Keyset {
  t: number;
  i: number;
}

export function isKeyset(value: unknown): value is Keyset {
  if (typeof value !== 'object' || value === null) return false;
  const { t, i } = value as Record<string, unknown>;
  return (
    typeof t === 'number' &&
    Number.isSafeInteger(t) &&
    t >= 0 &&
    typeof i === 'number' &&
    Number.isSafeInteger(i) &&
    i > 0 &&
    Object.keys(value).length === 2
  );
}
