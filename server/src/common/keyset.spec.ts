import { AppError } from './app-error';
import { decodeCursor, encodeCursor, isPositiveId, keysetPage } from './keyset';

const isPair = (key: unknown): key is [number, string] =>
  Array.isArray(key) && key.length === 2 && typeof key[0] === 'number' && typeof key[1] === 'string';

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('keyset cursor', () => {
  it('reads back what it wrote, opaque to the client', () => {
    const cursor = encodeCursor([3, '2026-01-01']);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, isPair)).toEqual([3, '2026-01-01']);
    expect(decodeCursor(encodeCursor(42), isPositiveId)).toBe(42);
  });

  it('refuses a forged or foreign cursor as the client’s mistake (400 on cursor)', () => {
    const forged: [string, (key: unknown) => key is unknown][] = [
      ['abc', isPair],
      ['not-a-cursor', isPositiveId],
      [encodeCursor([1, 2]), isPair],
      [encodeCursor(-1), isPositiveId],
      [encodeCursor(1.5), isPositiveId],
    ];
    for (const [cursor, check] of forged) {
      const refusal = catchError(() => decodeCursor(cursor, check));
      expect(refusal).toBeInstanceOf(AppError);
      expect(refusal).toMatchObject({
        code: 'VALIDATION_FAILED',
        status: 400,
        details: [{ path: 'cursor' }],
      });
    }
  });

  it('pages limit + 1 rows: the extra row only says a next page exists', () => {
    expect(keysetPage([{ id: 9 }, { id: 8 }, { id: 7 }], 2, (row) => row.id)).toEqual({
      page: [{ id: 9 }, { id: 8 }],
      nextCursor: encodeCursor(8),
    });
    expect(keysetPage([{ id: 9 }], 2, (row) => row.id)).toEqual({ page: [{ id: 9 }], nextCursor: null });
  });
});
