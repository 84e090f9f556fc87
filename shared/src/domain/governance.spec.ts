import { canMeet, passes } from './governance';

describe('governance thresholds', () => {
  it.each(['committee', 'executive', 'presidents_office'] as const)(
    '%s meets with two thirds present, inclusive',
    (body) => {
      expect(canMeet(body, 6, 9)).toBe(true);
      expect(canMeet(body, 5, 9)).toBe(false);
      // 2/3 of 10 is 6.67: 7 meets, 6 does not — no rounding down.
      expect(canMeet(body, 7, 10)).toBe(true);
      expect(canMeet(body, 6, 10)).toBe(false);
      expect(canMeet(body, 2, 3)).toBe(true);
      expect(canMeet(body, 1, 3)).toBe(false);
    },
  );

  it('the committee passes with half of those present, inclusive', () => {
    expect(passes('committee', 3, 6)).toBe(true);
    expect(passes('committee', 2, 6)).toBe(false);
    expect(passes('committee', 4, 7)).toBe(true);
    expect(passes('committee', 3, 7)).toBe(false);
  });

  it.each(['executive', 'presidents_office'] as const)(
    '%s passes with two thirds of those present',
    (body) => {
      expect(passes(body, 6, 9)).toBe(true);
      expect(passes(body, 5, 9)).toBe(false);
      expect(passes(body, 5, 7)).toBe(true);
      expect(passes(body, 4, 7)).toBe(false);
    },
  );

  it('stays exact where floating point would not', () => {
    // 0.1 + 0.2-style drift must not matter at large counts.
    expect(canMeet('committee', 2_000_000_000, 3_000_000_000)).toBe(true);
    expect(canMeet('committee', 1_999_999_999, 3_000_000_000)).toBe(false);
  });

  it('refuses impossible counts', () => {
    expect(() => canMeet('committee', 10, 9)).toThrow(RangeError);
    expect(() => canMeet('committee', -1, 9)).toThrow(RangeError);
    expect(() => canMeet('committee', 1.5, 9)).toThrow(RangeError);
    expect(() => canMeet('committee', 0, 0)).toThrow(RangeError);
    expect(() => passes('executive', 5, 4)).toThrow(RangeError);
    expect(() => passes('executive', 0, 0)).toThrow(RangeError);
  });
});
