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
