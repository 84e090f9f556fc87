import { monthEntry, searchEntry } from './article-search';

describe('monthEntry', () => {
  const article = {
    title: '数据中心',
    summary: '',
    body: '<p>ITSS</p>',
    tags: ['运维'],
    publishedAt: new Date(Date.UTC(2026, 10, 30, 23, 59)),
  };

  it('files every piece of the entry, and no other, under its month', () => {
    const entry = searchEntry(article).split(' ');
    const filed = monthEntry(entry.join(' ')).split(' ');
    expect(filed).toEqual(entry.filter((piece) => piece !== 'zm202611').map((piece) => `zm202611${piece}`));
    expect(filed).toEqual(
      expect.arrayContaining(['zm202611x6570x636e', 'zm202611zwitss', 'zm202611ztx8fd0x7ef4']),
    );
  });

  it('is empty for an article never published', () => {
    expect(monthEntry(searchEntry({ ...article, publishedAt: null }))).toBe('');
  });
});
