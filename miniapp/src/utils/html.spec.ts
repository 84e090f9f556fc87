import { decodeEntities, escapeHtml, nodesToHtml, parseHtml, textOf } from './html';

test('parses nested elements, lower-cases names and decodes text and attribute values', () => {
  expect(
    parseHtml('<P class="a">AT&amp;T &lt;标准&gt;<STRONG>加粗</STRONG></P><a href="/x?a=1&amp;b=2">链接</a>'),
  ).toEqual([
    {
      name: 'p',
      attrs: { class: 'a' },
      children: [
        { type: 'text', text: 'AT&T <标准>' },
        { name: 'strong', attrs: {}, children: [{ type: 'text', text: '加粗' }] },
      ],
    },
    { name: 'a', attrs: { href: '/x?a=1&b=2' }, children: [{ type: 'text', text: '链接' }] },
  ]);
});

test('void and self-closing tags take no children; tables keep their structure', () => {
  const nodes = parseHtml(
    '<p>一<br>二<img src="/api/articles/files/3" alt=\'图\' /></p><table><tbody><tr><th>项</th><td colspan="2">值</td></tr></tbody></table>',
  );
  expect(nodes[0]).toEqual({
    name: 'p',
    attrs: {},
    children: [
      { type: 'text', text: '一' },
      { name: 'br', attrs: {}, children: [] },
      { type: 'text', text: '二' },
      { name: 'img', attrs: { src: '/api/articles/files/3', alt: '图' }, children: [] },
    ],
  });
  const table = nodes[1];
  expect(table && textOf(table)).toBe('项值');
  expect(JSON.stringify(table)).toContain('"colspan":"2"');
});

test('forgives stray and unclosed tags, skips comments, and never shows script or style content', () => {
  const nodes = parseHtml(
    '<!-- 注释 --><ul><li>甲<li>乙</ul></span>尾<script>alert(1)</script><style>p{}</style> 1 < 2',
  );
  expect(nodes.map(textOf).join('')).toBe('甲乙尾 1 < 2');
  expect(JSON.stringify(nodes)).not.toContain('alert');
});

test.each([
  ['&#20013;&#x6587;', '中文'],
  ['&nbsp;', '\u00a0'],
  ['&unknown; &#0;', '&unknown; &#0;'],
  ['&quot;引号&quot; &#39;单&#39;', '"引号" \'单\''],
])('decodes %s', (raw, text) => {
  expect(decodeEntities(raw)).toBe(text);
});

test('the parser decodes entities and tolerates broken markup', () => {
  expect(parseHtml('<p>&lt;&#x4e2d;&#25991;&gt;&nbsp;&unknown;<b>x</p>y</b>')).toEqual([
    {
      name: 'p',
      attrs: {},
      children: [
        { type: 'text', text: '<中文>\u00a0&unknown;' },
        { name: 'b', attrs: {}, children: [{ type: 'text', text: 'x' }] },
      ],
    },
    { type: 'text', text: 'y' },
  ]);
});

test('a tree is written back as the HTML it came from, text and attributes escaped', () => {
  const html = '<p class="a&quot;b">一 &lt; 二<br><img src="/api/articles/files/3"></p>';
  expect(nodesToHtml(parseHtml(html))).toBe(html);
  expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  expect(textOf(parseHtml('<p>甲<b>乙</b></p>丙'))).toBe('甲乙丙');
});
