import { ARTICLE_FILE_URL_PATTERN } from '@itss/shared';
import { JSDOM } from 'jsdom';

/**
 * Known ways to run script through rich text: tags, event handlers, URL schemes in every spelling,
 * svg and MathML, CSS, embedded documents, forms and head elements, and markup that a naive filter
 * reassembles. Each is a line of its own and all of them joined make one body.
 */
export const XSS_CORPUS: string[] = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<<script>script>alert(1)<</script>/script>',
  '<script\n>alert(1)</script\n>',
  '<img src=x onerror=alert(1)>',
  '<img src="/api/articles/files/1" onerror="alert(1)" onload="alert(2)">',
  '<img src=x:alert(1) onerror=eval(src)>',
  '<img """><script>alert(1)</script>">',
  '<img src="javascript:alert(1)">',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<img src="vbscript:msgbox(1)">',
  '<img src="/api/articles/files/1#"><img src="https://evil.example/track.png">',
  '<img src="//evil.example/api/articles/files/1">',
  '<p onclick="alert(1)" onmouseover="alert(2)">点击</p>',
  '<body onload=alert(1)>',
  '<div onpointerenter=alert(1)>x</div>',
  '<a href="javascript:alert(1)">链接</a>',
  '<a href="JaVaScRiPt:alert(1)">链接</a>',
  '<a href=" javascript:alert(1)">链接</a>',
  '<a href="java\nscript:alert(1)">链接</a>',
  '<a href="jav&#x09;ascript:alert(1)">链接</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">链接</a>',
  '<a href="&#x6A;avascript&colon;alert(1)">链接</a>',
  '<a href="javascript&#58;alert(1)">链接</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">链接</a>',
  '<a href="vbscript:msgbox(1)">链接</a>',
  '<a href="https://itss.cn" onclick="alert(1)" target="_blank" style="color:red">官网</a>',
  '<a href="//evil.example">协议相对</a>',
  '<svg><script>alert(1)</script></svg>',
  '<svg onload=alert(1)>',
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<math href="javascript:alert(1)">CLICKME</math>',
  '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
  '<style>body{background:url("javascript:alert(1)")}</style>',
  '<p style="width: expression(alert(1))">样式</p>',
  '<p style="background-image: url(javascript:alert(1))">样式</p>',
  '<p style="behavior: url(x.htc)">样式</p>',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><input type="submit" formaction="javascript:alert(2)"></form>',
  '<input autofocus onfocus=alert(1)>',
  '<button onclick=alert(1)>按钮</button>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<video><source onerror="alert(1)"></video>',
  '<audio src=x onerror=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<marquee onstart=alert(1)>x</marquee>',
  '<template><img src=x onerror=alert(1)></template>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<textarea><img src=x onerror=alert(1)></textarea>',
  '<title><img src=x onerror=alert(1)></title>',
  '<!--><img src=x onerror=alert(1)>-->',
  '<!-- <script>alert(1)</script> -->',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<p>未闭合 <b>粗体 <i>斜体',
  '<td colspan="2" rowspan="javascript:1" onclick="x">格</td>',
  '<p class="x" id="y" data-x="z" title="t">属性</p>',
  '<img src="/api/articles/files/1" width="100%" height="expression(1)" alt="<script>">',
  '"><script>alert(1)</script>',
  '\'"><img src=x onerror=alert(1)>',
];

const TAGS = new Set([
  'h2',
  'h3',
  'h4',
  'p',
  'br',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'img',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'hr',
]);
const ATTRIBUTES: Record<string, string[]> = {
  a: ['href', 'rel'],
  img: ['src', 'alt', 'width', 'height'],
  th: ['colspan', 'rowspan'],
  td: ['colspan', 'rowspan'],
};

/**
 * What a browser builds from `html` (jsdom's HTML parser, not the sanitizer's), checked against
 * the allowlist: every element and attribute allowed, every link http(s) or mailto, every image one
 * of our article files. Returns what broke the rule, empty when none.
 */
export function unsafeParts(html: string): string[] {
  const { document } = new JSDOM('<!doctype html><body></body>').window;
  const holder = document.createElement('template');
  holder.innerHTML = html;
  const problems: string[] = [];
  for (const element of Array.from(holder.content.querySelectorAll('*'))) {
    const tag = element.tagName.toLowerCase();
    if (!TAGS.has(tag) || element.namespaceURI !== 'http://www.w3.org/1999/xhtml') problems.push(`<${tag}>`);
    for (const { name, value } of Array.from(element.attributes)) {
      if (!(ATTRIBUTES[tag] ?? []).includes(name)) problems.push(`${tag}[${name}]`);
      if (name === 'href' && !/^(https?:|mailto:)/i.test(value)) problems.push(`href=${value}`);
      if (name === 'src' && !ARTICLE_FILE_URL_PATTERN.test(value)) problems.push(`src=${value}`);
    }
  }
  // Belt and braces over the raw text: no tag may carry a script URL or a CSS expression at all.
  if (/<[^>]*(javascript:|vbscript:|data:|expression\()/i.test(html)) problems.push('script URL in a tag');
  return problems;
}
