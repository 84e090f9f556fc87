/**
 * Text cut into the words a full-text index stores, the same way for articles and for queries.
 *
 * Neither database can cut Chinese into words: MariaDB has no ngram parser (MySQL's is not in
 * MariaDB) and InnoDB's default parser splits only at spaces and punctuation, so a Chinese
 * sentence would be one word; SQLite's FTS5 tokenizers do the same. So the text is cut here: a run
 * of Chinese (or any letters and digits other than a–z, 0–9) becomes its overlapping two-character
 * pieces (标准化 → 标准, 准化) and each of its characters, and a run of a–z/0–9 stays one word. Each
 * piece is written as an ASCII word both databases keep whole:
 *
 * - a character as `x` and its code point in hex: 标 → `x6807`; a pair as both: 标准 → `x6807x51c6`
 *   (`x` is no hex digit, so no two pieces read alike);
 * - a word as `zw` and the word: ITSS → `zwitss`, 5G → `zw5g`.
 *
 * Every piece is at least three characters long (InnoDB ignores shorter words by default,
 * innodb_ft_min_token_size = 3), none is one of InnoDB's stopwords (none starts with x or z), and
 * none is longer than its limit of 84 (words are cut at WORD_MAX).
 *
 * A query is cut the same way, except that a run of two or more characters gives only its pairs:
 * 标准化 asks for 标准 and 准化, and one character (云) asks for itself. An article matches when it
 * has every piece of the query. A run ends at anything that is not a letter or digit, and at a
 * change between a–z/0–9 and other letters, so no pair spans a space or punctuation, and a word
 * matches only whole words (ITS does not find ITSS, 2025 does not find 20250).
 */

/** Longest word kept, in characters; longer words are cut, in articles and queries alike. */
export const WORD_MAX = 60;

type Run = { kind: 'word' | 'chars'; text: string };

/** Accented Latin letters lose their accents (café → cafe); other scripts are left as they are. */
const stripLatinAccents = (text: string): string =>
  text.replace(/\p{Script=Latin}/gu, (c) => c.normalize('NFD').replace(/\p{M}/gu, ''));

function runs(text: string): Run[] {
  // NFKC first: full-width ＩＴＳＳ and ２０２５ are what people type on a Chinese keyboard.
  const normalized = stripLatinAccents(text.normalize('NFKC')).toLowerCase();
  const out: Run[] = [];
  for (const match of normalized.matchAll(/[a-z0-9]+|(?:(?![a-z0-9])[\p{L}\p{N}])+/gu)) {
    const run = match[0];
    out.push({ kind: /^[a-z0-9]/.test(run) ? 'word' : 'chars', text: run });
  }
  return out;
}

const char = (c: string): string => `x${(c.codePointAt(0) ?? 0).toString(16)}`;

function pairs(chars: string[]): string[] {
  const out: string[] = [];
  let previous: string | null = null;
  for (const c of chars.map(char)) {
    if (previous !== null) out.push(previous + c);
    previous = c;
  }
  return out;
}

const word = (text: string): string => `zw${text.slice(0, WORD_MAX)}`;

/** The pieces an article's text is indexed under, each once. */
export function documentTokens(...texts: string[]): string[] {
  const out = new Set<string>();
  for (const text of texts) {
    for (const run of runs(text)) {
      if (run.kind === 'word') {
        out.add(word(run.text));
        continue;
      }
      const chars = [...run.text];
      for (const piece of pairs(chars)) out.add(piece);
      for (const c of chars) out.add(char(c));
    }
  }
  return [...out];
}

/** The pieces an article must all have to match the query; none for a query of only punctuation. */
export function queryTokens(q: string): string[] {
  const out = new Set<string>();
  for (const run of runs(q)) {
    if (run.kind === 'word') {
      out.add(word(run.text));
      continue;
    }
    const chars = [...run.text];
    for (const piece of chars.length === 1 ? chars.map(char) : pairs(chars)) out.add(piece);
  }
  return [...out];
}

/**
 * The one piece an article is filed under for each of its tags, so a tag lists exactly the articles
 * that carry it (a word search for it would also find every article that merely mentions it): `zt`
 * and the tag's characters as `x` and their code points (数据 → `ztx6570x636e`); a tag has at most
 * 12 characters, so the piece stays within InnoDB's 84.
 */
export function tagToken(tag: string): string {
  const chars = [...tag.normalize('NFKC').trim().toLowerCase()].slice(0, 12);
  return `zt${chars.map(char).join('')}`;
}
