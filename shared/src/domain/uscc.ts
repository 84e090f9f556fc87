/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a
 * 31-character alphabet, the last one a checksum over the first 17.
 */

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const FORMAT = /^[0-9A-HJ-NP-RTUW-Y]{18}$/;

export type UsccCheck = 'valid' | 'bad_format' | 'checksum_mismatch';

/** People type codes in lower case and with stray spaces; compare in the canonical form. */
export function normalizeUscc(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i]!;
  return ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * A bad format is always an error. A checksum mismatch is returned separately because some early
 * pilot codes are genuine yet fail it: callers let those through to staff review with a warning.
 */
export function checkUscc(code: string): UsccCheck {
  if (!FORMAT.test(code)) return 'bad_format';
  return usccCheckCharacter(code.slice(0, 17)) === code.charAt(17) ? 'valid' : 'checksum_mismatch';
}
