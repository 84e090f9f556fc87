import { WORD_MAX, documentTokens, queryTokens } from './search-tokens';

const every = (query: string[], document: string[]): boolean =>
  query.length > 0 && query.every((piece) => document.includes(piece));

describe('search tokens', () => {
  it('cuts Chinese into overlapping pairs and single characters, written as ASCII words', () => {
    expect(documentTokens('标准化')).toEqual(['x6807x51c6', 'x51c6x5316', 'x6807', 'x51c6', 'x5316']);
    expect(queryTokens('标准化')).toEqual(['x6807x51c6', 'x51c6x5316']);
    expect(queryTokens('标准')).toEqual(['x6807x51c6']);
    expect(queryTokens('云')).toEqual(['x4e91']);
  });

  it('keeps Latin words and numbers whole, lower-cased, full-width or not, accents dropped', () => {
    expect(documentTokens('ITSS 2025 ＩＴＳＳ Café 5G')).toEqual(['zwitss', 'zw2025', 'zwcafe', 'zw5g']);
    expect(queryTokens('itss，２０２５')).toEqual(['zwitss', 'zw2025']);
  });

  it('ends a run at punctuation, spaces and a change of script', () => {
    expect(documentTokens('2025年ITSS标准')).toEqual([
      'zw2025',
      'x5e74',
      'zwitss',
      'x6807x51c6',
      'x6807',
      'x51c6',
    ]);
    // No pair across the comma: 标准，化工 has no 准化.
    expect(documentTokens('标准，化工')).not.toContain('x51c6x5316');
    expect(every(queryTokens('标准化'), documentTokens('标准，化工'))).toBe(false);
  });

  it('matches a query inside the text, and only whole Latin words', () => {
    const doc = documentTokens('关于开展 ITSS 运维标准符合性评估的通知', '2025 年度评估工作安排');
    for (const q of ['标准', '运维标准', '符合性评估', '通知', 'ITSS', 'itss 2025', '2025年', '评']) {
      expect({ q, found: every(queryTokens(q), doc) }).toEqual({ q, found: true });
    }
    for (const q of ['ITS', 'ITSS5', '202', '20250', '标准化', '评估通知']) {
      expect({ q, found: every(queryTokens(q), doc) }).toEqual({ q, found: false });
    }
  });

  it('gives nothing for punctuation and spaces alone', () => {
    expect(queryTokens('')).toEqual([]);
    expect(queryTokens(' ，。！？、…—·《》“”!?.-_*+"\'()<>~ ')).toEqual([]);
  });

  it('writes every piece as a word both databases keep: ASCII, 3 to 84 characters, never a stopword', () => {
    const pieces = documentTokens(
      'a b c 1 x z 云 é 𠀀𠀁 ß я ' + 'w'.repeat(200),
      '您好，世界！ Привет мир ハロー 안녕하세요',
    );
    for (const piece of pieces) {
      expect({ piece, ok: /^(x[0-9a-f]+)+$|^zw[a-z0-9]+$/.test(piece) }).toEqual({ piece, ok: true });
      expect(piece.length).toBeGreaterThanOrEqual(3);
      expect(piece.length).toBeLessThanOrEqual(84);
    }
    expect(pieces).toContain(`zw${'w'.repeat(WORD_MAX)}`);
    expect(pieces).toContain('x20000x20001');
  });
});
