/**
 * 汇款识别码: what a unit writes in a bank transfer's memo so staff (and the statement import) know
 * which bill the money is for. Six random characters and a check character, from an alphabet
 * without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, U/V): read aloud over the phone or copied by hand into a
 * bank's form, a mistyped character is caught rather than crediting another unit.
 */
export const REMITTANCE_ALPHABET = '346789ABCDEFGHJKMNPQRTUWXY';
export const REMITTANCE_CODE_LENGTH = 7;

const BASE = REMITTANCE_ALPHABET.length;

/**
 * Luhn mod N over the alphabet (of even size, so doubling permutes it): catches every single wrong
 * character and every swap of two neighbours but 3↔Y (the first and last of the alphabet).
 */
function checkCharacter(body: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = body.length - 1; i >= 0; i--) {
    let addend = factor * REMITTANCE_ALPHABET.indexOf(body.charAt(i));
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / BASE) + (addend % BASE);
    sum += addend;
  }
  return REMITTANCE_ALPHABET.charAt((BASE - (sum % BASE)) % BASE);
}

/** A new code from random integers (the server passes crypto's). */
export function makeRemittanceCode(randomIndex: (below: number) => number): string {
  let body = '';
  for (let i = 0; i < REMITTANCE_CODE_LENGTH - 1; i++) body += REMITTANCE_ALPHABET.charAt(randomIndex(BASE));
  return body + checkCharacter(body);
}

/** Whether `code` (already upper-cased) is a well-formed code with the right check character. */
export function isRemittanceCode(code: string): boolean {
  if (code.length !== REMITTANCE_CODE_LENGTH) return false;
  for (const char of code) if (!REMITTANCE_ALPHABET.includes(char)) return false;
  return checkCharacter(code.slice(0, -1)) === code.slice(-1);
}

/**
 * Every well-formed code in a bank memo, as banks print them: any case, spaces or dashes inside
 * ("会费 d7k9-qx3"), among other words. Windows over each run of letters and digits, so a code
 * written against a unit's name or a date is still found; only codes whose check character holds
 * are returned, in the order they appear, each once.
 */
export function findRemittanceCodes(memo: string): string[] {
  const runs = memo
    .toUpperCase()
    .replace(/[\s\-_]/g, '')
    .split(/[^0-9A-Z]+/);
  const found: string[] = [];
  for (const run of runs) {
    for (let i = 0; i + REMITTANCE_CODE_LENGTH <= run.length; i++) {
      const candidate = run.slice(i, i + REMITTANCE_CODE_LENGTH);
      if (isRemittanceCode(candidate) && !found.includes(candidate)) found.push(candidate);
    }
  }
  return found;
}
