import { ARTICLE_FILE_URL_PATTERN } from '@itss/shared';

/**
 * The article body as the server stores it: HTML already sanitized to a small allowlist. This
 * module reads it without a DOM (there is none on WeChat) for the block editor and for RichText.
 */
export type HtmlNode =
  | { type: 'element'; name: string; attrs: Record<string, string>; children: HtmlNode[] }
  | { type: 'text'; text: string };
export type HtmlElement = Extract<HtmlNode, { type: 'element' }>;

const VOID_TAGS = new Set(['br', 'img', 'hr']);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code =
        entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

/** Text for an element's content or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const ATTRIBUTE = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function parseAttributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = match[1]?.toLowerCase();
    if (name) attrs[name] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attrs;
}

const TOKEN = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:"[^"]*"|'[^']*'|[^'">])*)>/g;

/** A tolerant tree of the markup: unclosed elements end with their parent, stray end tags are dropped. */
export function parseHtml(html: string): HtmlNode[] {
  const root: HtmlElement = { type: 'element', name: '#root', attrs: {}, children: [] };
  const stack: HtmlElement[] = [root];
  const top = () => stack[stack.length - 1] as HtmlElement;
  const addText = (raw: string) => {
    if (raw) top().children.push({ type: 'text', text: decodeEntities(raw) });
  };
  let last = 0;
  for (const match of html.matchAll(TOKEN)) {
    const index = match.index ?? 0;
    addText(html.slice(last, index));
    last = index + match[0].length;
    const [, closing, rawName, rest = ''] = match;
    if (!rawName) continue;
    const name = rawName.toLowerCase();
    if (closing) {
      const open = stack.map((element) => element.name).lastIndexOf(name);
      if (open > 0) stack.length = open;
      continue;
    }
    const element: HtmlElement = {
      type: 'element',
      name,
      attrs: parseAttributes(rest.replace(/\/\s*$/, '')),
      children: [],
    };
    top().children.push(element);
    if (!VOID_TAGS.has(name) && !/\/\s*$/.test(rest)) stack.push(element);
  }
  addText(html.slice(last));
  return root.children;
}

/** Writes a tree back as HTML (attributes in their order, text escaped). */
export function nodesToHtml(nodes: HtmlNode[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'text') return escapeHtml(node.text);
      const attrs = Object.entries(node.attrs)
        .map(([key, value]) => ` ${key}="${escapeHtml(value)}"`)
        .join('');
      if (VOID_TAGS.has(node.name)) return `<${node.name}${attrs}>`;
      return `<${node.name}${attrs}>${nodesToHtml(node.children)}</${node.name}>`;
    })
    .join('');
}

/** The text of a subtree, as a person reads it. */
export function textOf(nodes: HtmlNode[]): string {
  return nodes.map((node) => (node.type === 'text' ? node.text : textOf(node.children))).join('');
}

/** The only image sources shown: the article file store, absolute against the API. */
export function articleImageSrc(src: string): string | null {
  if (ARTICLE_FILE_URL_PATTERN.test(src)) return `${API_BASE}${src}`;
  if (src.startsWith(`${API_BASE}/api/articles/files/`)) return src;
  return null;
}

/** The node shape Taro's RichText takes (the same on WeChat and H5). */
export type RichTextNode =
  | { type: 'text'; text: string }
  | { name: string; attrs?: Record<string, string>; children?: RichTextNode[] };

// Inline styles, not classes: rich-text on WeChat does not see a component's stylesheet.
const STYLES: Record<string, string> = {
  h2: 'font-size:1.25em;font-weight:bold;margin:1.2em 0 0.6em;line-height:1.4;',
  h3: 'font-size:1.1em;font-weight:bold;margin:1em 0 0.5em;line-height:1.4;',
  h4: 'font-size:1em;font-weight:bold;margin:1em 0 0.5em;line-height:1.4;',
  p: 'margin:0 0 0.9em;line-height:1.8;',
  blockquote:
    'margin:0 0 0.9em;padding:0.4em 0.9em;border-left:4px solid #c9d6ea;color:#5b6575;background:#f5f8fc;',
  ul: 'margin:0 0 0.9em;padding-left:1.4em;line-height:1.8;',
  ol: 'margin:0 0 0.9em;padding-left:1.4em;line-height:1.8;',
  li: 'margin:0.2em 0;',
  a: 'color:#1f5fbf;text-decoration:underline;',
  img: 'display:block;max-width:100%;height:auto;margin:0.6em auto;',
  table: 'width:100%;border-collapse:collapse;margin:0 0 0.9em;font-size:0.9em;',
  th: 'border:1px solid #d5dce6;padding:0.4em;background:#f3f6fb;font-weight:bold;',
  td: 'border:1px solid #d5dce6;padding:0.4em;',
  hr: 'border:none;border-top:1px solid #d5dce6;margin:1em 0;',
};
const INLINE = new Set(['strong', 'b', 'em', 'i', 'u', 's', 'br', 'thead', 'tbody', 'tr']);

function toRichText(nodes: HtmlNode[]): RichTextNode[] {
  return nodes.flatMap((node): RichTextNode[] => {
    if (node.type === 'text') return [{ type: 'text', text: node.text }];
    const style = STYLES[node.name];
    if (node.name === 'img') {
      const src = articleImageSrc(node.attrs.src ?? '');
      return src ? [{ name: 'img', attrs: { src, style: style ?? '' } }] : [];
    }
    if (node.name === 'a') {
      const href = node.attrs.href ?? '';
      return [{ name: 'a', attrs: { href, style: style ?? '' }, children: toRichText(node.children) }];
    }
    if (style) return [{ name: node.name, attrs: { style }, children: toRichText(node.children) }];
    if (INLINE.has(node.name)) return [{ name: node.name, children: toRichText(node.children) }];
    // Outside the allowlist (the server never sends it): its text only.
    return toRichText(node.children);
  });
}

/** The body as RichText nodes: what readers see, and the editor's preview. */
export function articleRichTextNodes(html: string): RichTextNode[] {
  return toRichText(parseHtml(html));
}
