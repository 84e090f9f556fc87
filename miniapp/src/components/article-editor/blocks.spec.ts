import { blocksToHtml, htmlToBlocks, marksToHtml, type Block } from './blocks';

const blocks: Block[] = [
  { kind: 'heading', level: 2, text: '一、政策要点' },
  {
    kind: 'paragraph',
    text: '根据**《数据安全法》**要求，详见[工信部网站](https://www.miit.gov.cn/a?b=1&c=2)。\n第二行',
  },
  { kind: 'list', ordered: false, items: ['运维服务', '**咨询**服务'] },
  { kind: 'list', ordered: true, items: ['第一步', '第二步'] },
  { kind: 'quote', text: '标准是行业的共同语言' },
  { kind: 'heading', level: 3, text: '附图' },
  { kind: 'image', url: '/api/articles/files/12' },
];

test('blocks become HTML and the same HTML comes back as the same blocks', () => {
  const html = blocksToHtml(blocks);
  expect(html).toBe(
    '<h2>一、政策要点</h2>' +
      '<p>根据<strong>《数据安全法》</strong>要求，详见<a href="https://www.miit.gov.cn/a?b=1&amp;c=2">工信部网站</a>。<br>第二行</p>' +
      '<ul><li>运维服务</li><li><strong>咨询</strong>服务</li></ul>' +
      '<ol><li>第一步</li><li>第二步</li></ol>' +
      '<blockquote><p>标准是行业的共同语言</p></blockquote>' +
      '<h3>附图</h3>' +
      '<p><img src="/api/articles/files/12"></p>',
  );
  expect(htmlToBlocks(html)).toEqual(blocks);
  expect(blocksToHtml(htmlToBlocks(html))).toBe(html);
});

test('text with <, >, & and quotes is escaped, and reads back as the same text', () => {
  const text = 'a < b && c > "d" \'e\' <script>alert(1)</script>';
  const html = blocksToHtml([
    { kind: 'heading', level: 3, text },
    { kind: 'paragraph', text },
  ]);
  expect(html).not.toContain('<script>');
  expect(html).toContain('a &lt; b &amp;&amp; c &gt; &quot;d&quot; &#39;e&#39; &lt;script&gt;');
  expect(htmlToBlocks(html)).toEqual([
    { kind: 'heading', level: 3, text },
    { kind: 'paragraph', text },
  ]);
});

test('mark characters typed as text stay text through a round trip', () => {
  const html = '<p>星号 * 与 ** 以及 [方括号] 和 \\ 反斜杠</p>';
  const [block] = htmlToBlocks(html);
  expect(block).toEqual({ kind: 'paragraph', text: '星号 \\* 与 \\*\\* 以及 \\[方括号\\] 和 \\\\ 反斜杠' });
  expect(blocksToHtml(htmlToBlocks(html))).toBe(html);
});

test('links: only http(s) and mailto become links; javascript: stays plain text', () => {
  expect(marksToHtml('[官网](https://itss.example.cn) [信箱](mailto:a@b.cn)')).toBe(
    '<a href="https://itss.example.cn">官网</a> <a href="mailto:a@b.cn">信箱</a>',
  );
  expect(marksToHtml('[点我](javascript:alert(1))')).toBe('[点我](javascript:alert(1))');
  expect(marksToHtml('[点我](javascript:alert)')).toBe('[点我](javascript:alert)');
  expect(marksToHtml('[a "b"](https://x.cn/"onload=1)')).toBe(
    '<a href="https://x.cn/&quot;onload=1">a &quot;b&quot;</a>',
  );
  expect(marksToHtml('未闭合的 **粗体')).toBe('未闭合的 **粗体');
});

test('what the blocks cannot say is kept as raw blocks, in place', () => {
  const html =
    '<p>前言</p><table><tbody><tr><td>甲</td><td>乙</td></tr></tbody></table><p>带<em>斜体</em>的段落</p><hr><h4>四级</h4>';
  const parsed = htmlToBlocks(html);
  expect(parsed.map((block) => block.kind)).toEqual(['paragraph', 'raw', 'raw', 'raw', 'raw']);
  expect(blocksToHtml(parsed)).toBe(html);
});

test('loose inline content and sanitizer whitespace read as paragraphs', () => {
  expect(htmlToBlocks('\n<h2>题</h2>\n  散落的<b>文字</b>\n<img src="/api/articles/files/3">')).toEqual([
    { kind: 'heading', level: 2, text: '题' },
    { kind: 'paragraph', text: '散落的**文字**' },
    { kind: 'image', url: '/api/articles/files/3' },
  ]);
  expect(htmlToBlocks('')).toEqual([]);
  expect(
    blocksToHtml([
      { kind: 'paragraph', text: '  ' },
      { kind: 'list', ordered: false, items: [''] },
    ]),
  ).toBe('');
});
