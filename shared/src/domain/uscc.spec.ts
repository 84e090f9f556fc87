import { checkUscc, normalizeUscc, usccCheckCharacter } from './uscc';

describe('unified social credit code', () => {
  it('accepts the worked example', () => {
    expect(checkUscc('91110000600037341L')).toBe('valid');
    expect(usccCheckCharacter('91110000600037341')).toBe('L');
  });

  it('maps a check value of 31 to the character 0', () => {
    // Brute-force a prefix whose weighted sum is a multiple of 31.
    let prefix = '';
    for (let n = 0; n < 1000 && !prefix; n++) {
      const candidate = `9111000060003${String(n).padStart(4, '0')}`;
      if (usccCheckCharacter(candidate) === '0') prefix = candidate;
    }
    expect(prefix).not.toBe('');
    expect(checkUscc(`${prefix}0`)).toBe('valid');
  });

  it('flags a checksum mismatch separately from a bad format', () => {
    expect(checkUscc('91110000600037341M')).toBe('checksum_mismatch');
    expect(checkUscc('91110000600037341')).toBe('bad_format');
    expect(checkUscc('91110000600037341LL')).toBe('bad_format');
    expect(checkUscc('9111000060003734IL')).toBe('bad_format');
    expect(checkUscc('91110000600037341l')).toBe('bad_format');
    expect(checkUscc('')).toBe('bad_format');
  });

  it('normalises case and spaces before checking', () => {
    expect(checkUscc(normalizeUscc(' 9111 0000 6000 3734 1l '))).toBe('valid');
  });
});
