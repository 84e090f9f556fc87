import { XSS_CORPUS, unsafeParts } from '../../../test/articles/xss-corpus';
import { articleBodyForSaving, bodyImageIds, sanitizeArticleHtml } from './article-html';

describe('sanitizeArticleHtml', () => {
  it.each(XSS_CORPUS)('leaves nothing dangerous of %s', (vector) => {
    expect(unsafeParts(sanitizeArticleHtml(vector))).toEqual([]);
  });

  it('leaves nothing dangerous of the whole corpus as one body, and is stable when run again', () => {
    const clean = sanitizeArticleHtml(XSS_CORPUS.join('\n'));
    expect(unsafeParts(clean)).toEqual([]);
    expect(sanitizeArticleHtml(clean)).toBe(clean);
  });

  it('the check itself sees the vectors: unsanitized, all but the inert ones fail it', () => {
    // A fragment has no body to load, and comments and CDATA are not markup.
    expect(XSS_CORPUS.filter((vector) => unsafeParts(vector).length === 0)).toEqual([
      '<body onload=alert(1)>',
      '<!-- <script>alert(1)</script> -->',
      '<![CDATA[<script>alert(1)</script>]]>',
      '<p>未闭合 <b>粗体 <i>斜体',
    ]);
  });

  it('keeps what an editor makes: headings, emphasis, lists, tables, links out and article images', () => {
    const html =
      '<h2>标题</h2><p><strong>粗</strong><em>斜</em><u>下</u><s>删</s><br /></p>' +
      '<blockquote>引用</blockquote><ul><li>一</li></ul><ol><li>二</li></ol>' +
      '<table><thead><tr><th colspan="2">表头</th></tr></thead><tbody><tr><td rowspan="2">格</td></tr></tbody></table><hr />' +
      '<p><a href="https://www.itss.cn/">官网</a> <a href="mailto:hyfw@itss.cn">邮箱</a></p>' +
      '<p><img src="/api/articles/files/42" alt="现场" width="640" height="480" /></p>';
    expect(sanitizeArticleHtml(html)).toBe(
      html
        .replace('href="https://www.itss.cn/"', 'href="https://www.itss.cn/" rel="noopener noreferrer"')
        .replace('href="mailto:hyfw@itss.cn"', 'href="mailto:hyfw@itss.cn" rel="noopener noreferrer"'),
    );
  });

  it('drops an image from anywhere but the article file store, and keeps the text around it', () => {
    expect(sanitizeArticleHtml('<p>前<img src="https://evil.example/a.png">后</p>')).toBe('<p>前后</p>');
  });

  it('finds the article files a body shows, each once', () => {
    const clean = sanitizeArticleHtml(
      '<img src="/api/articles/files/7"><img src="/api/articles/files/3"><img src="/api/articles/files/7">',
    );
    expect(bodyImageIds(clean)).toEqual([7, 3]);
  });

  it('refuses a body over the byte limit once sanitized, not before', () => {
    expect(() => articleBodyForSaving(`<p>${'字'.repeat(20_001)}</p>`)).toThrow('正文过长');
    expect(articleBodyForSaving(`<script>${'x'.repeat(70_000)}</script><p>短</p>`)).toBe('<p>短</p>');
  });
});
