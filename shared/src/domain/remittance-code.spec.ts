import {
  REMITTANCE_ALPHABET,
  findRemittanceCodes,
  isRemittanceCode,
  makeRemittanceCode,
} from './remittance-code';
import { formatFen, parseYuanToFen } from './money';

function seeded(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % below;
  };
}

describe('remittance codes', () => {
  const codes = Array.from({ length: 200 }, (_, i) => makeRemittanceCode(seeded(i + 1)));

  it('are seven characters of the alphabet with a valid check character', () => {
    for (const code of codes) {
      expect(code).toMatch(new RegExp(`^[${REMITTANCE_ALPHABET}]{7}$`));
      expect(isRemittanceCode(code)).toBe(true);
    }
  });

  it('catch every single wrong character and every swap of neighbours but 3↔Y', () => {
    for (const code of codes.slice(0, 40)) {
      for (let i = 0; i < code.length; i++) {
        for (const other of REMITTANCE_ALPHABET) {
          if (other === code[i]) continue;
          expect(isRemittanceCode(code.slice(0, i) + other + code.slice(i + 1))).toBe(false);
        }
        const pair = `${code[i]}${code[i + 1] ?? ''}`;
        if (i + 1 < code.length && code[i] !== code[i + 1] && pair !== '3Y' && pair !== 'Y3') {
          const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
          expect(isRemittanceCode(swapped)).toBe(false);
        }
      }
    }
  });

  it('leave out characters that look alike', () => {
    for (const char of '0O1IL2Z5SV') expect(REMITTANCE_ALPHABET).not.toContain(char);
  });

  it('are found in memos as banks print them', () => {
    const [a, b] = codes;
    const spaced = `${a.slice(0, 3)} ${a.slice(3).toLowerCase()}`;
    expect(findRemittanceCodes(`会费 ${spaced} 北京某公司`)).toEqual([a]);
    expect(findRemittanceCodes(`${a.slice(0, 4)}-${a.slice(4)}/${b}`)).toEqual([a, b]);
    expect(findRemittanceCodes(`2026会费${a}`)).toEqual([a]);
    expect(findRemittanceCodes('会费 2026 年')).toEqual([]);
  });
});

describe('fen', () => {
  it('is shown as yuan with two decimals', () => {
    expect(formatFen(300000)).toBe('3,000.00 元');
    expect(formatFen(5)).toBe('0.05 元');
    expect(formatFen(-150)).toBe('-1.50 元');
  });

  it('is parsed from yuan text without floating point', () => {
    expect(parseYuanToFen('3000')).toBe(300000);
    expect(parseYuanToFen('3,000.5')).toBe(300050);
    expect(parseYuanToFen('¥10,000.00')).toBe(1000000);
    expect(parseYuanToFen('0.29')).toBe(29);
    expect(parseYuanToFen('1.005')).toBeNull();
    expect(parseYuanToFen('-3')).toBeNull();
    expect(parseYuanToFen('abc')).toBeNull();
    expect(parseYuanToFen('')).toBeNull();
  });
});
