/**
 * The one reader of an article body (HTML the server has already sanitized with its allowlist),
 * without a DOM (there is none on WeChat): its tree is the one Taro's RichText takes, and the one
 * the block editor reads and writes back. This is a reader, not a sanitizer: it trusts the
 * server's allowlist and only has to be forgiving of markup it does not expect (unclosed or stray
 * tags).
 */

export interface RichTextNode {
  type: 'text';
  text: string;
}
export interface RichElementNode {
  name: string;
  attrs: Record<string, string>;
  children: RichNode[];
}
export type RichNode = RichTextNode | RichElementNode;

export const isElement = (node: RichNode): node is RichElementNode => 'name' in node;

const VOID_TAGS = new Set(['area', 'br', 'col', 'hr', 'img', 'input', 'source', 'wbr']);
/** Their content is never text to show; the sanitizer drops them, this only makes sure. */
const DROPPED_TAGS = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object']);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/** Decodes the entities a sanitizer writes (&amp; &lt; &gt; &quot; &#39; &nbsp;, numeric ones). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code =
        entity[1] === 'x' || entity[1] === 'X'
          ? parseInt(entity.slice(2), 16)
          : parseInt(entity.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

const isNameChar = (char: string) => /[a-zA-Z0-9-]/.test(char);
const isSpace = (char: string) =>
  char === ' ' || char === '\n' || char === '\t' || char === '\r' || char === '\f';

/** Parses HTML into RichText nodes: tags lower-cased, attribute values and text decoded. */
export function parseHtml(html: string): RichNode[] {
  const root: RichElementNode = { name: '#root', attrs: {}, children: [] };
  const stack: RichElementNode[] = [root];
  let i = 0;
  const top = () => stack[stack.length - 1] ?? root;
  const addText = (raw: string) => {
    if (raw) top().children.push({ type: 'text', text: decodeEntities(raw) });
  };

  while (i < html.length) {
    const open = html.indexOf('<', i);
    if (open < 0) {
      addText(html.slice(i));
      break;
    }
    addText(html.slice(i, open));
    i = open;
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const next = html[i + 1] ?? '';
    if (next === '!' || next === '?') {
      const end = html.indexOf('>', i);
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    if (next === '/') {
      const end = html.indexOf('>', i);
      const name = html
        .slice(i + 2, end < 0 ? html.length : end)
        .trim()
        .toLowerCase();
      i = end < 0 ? html.length : end + 1;
      // Closes the nearest open element of that name, and whatever was left open inside it.
      const at = stack.map((element) => element.name).lastIndexOf(name);
      if (at > 0) stack.length = at;
      continue;
    }
    if (!/[a-zA-Z]/.test(next)) {
      addText('<');
      i += 1;
      continue;
    }

    let j = i + 1;
    while (j < html.length && isNameChar(html[j] ?? '')) j += 1;
    const name = html.slice(i + 1, j).toLowerCase();
    const attrs: Record<string, string> = {};
    let selfClosing = false;
    for (;;) {
      while (j < html.length && isSpace(html[j] ?? '')) j += 1;
      if (j >= html.length) break;
      if (html[j] === '>') {
        j += 1;
        break;
      }
      if (html.startsWith('/>', j)) {
        selfClosing = true;
        j += 2;
        break;
      }
      const nameStart = j;
      while (j < html.length && !isSpace(html[j] ?? '') && !'=/>'.includes(html[j] ?? '')) j += 1;
      const attrName = html.slice(nameStart, j).toLowerCase();
      if (!attrName) {
        j += 1;
        continue;
      }
      while (j < html.length && isSpace(html[j] ?? '')) j += 1;
      let value = '';
      if (html[j] === '=') {
        j += 1;
        while (j < html.length && isSpace(html[j] ?? '')) j += 1;
        const quote = html[j];
        if (quote === '"' || quote === "'") {
          const end = html.indexOf(quote, j + 1);
          value = html.slice(j + 1, end < 0 ? html.length : end);
          j = end < 0 ? html.length : end + 1;
        } else {
          const valueStart = j;
          while (j < html.length && !isSpace(html[j] ?? '') && html[j] !== '>') j += 1;
          value = html.slice(valueStart, j);
        }
      }
      attrs[attrName] = decodeEntities(value);
    }
    i = j;

    if (DROPPED_TAGS.has(name)) {
      const end = html.toLowerCase().indexOf(`</${name}`, i);
      const close = end < 0 ? -1 : html.indexOf('>', end);
      i = close < 0 ? html.length : close + 1;
      continue;
    }
    const element: RichElementNode = { name, attrs, children: [] };
    top().children.push(element);
    if (!selfClosing && !VOID_TAGS.has(name)) stack.push(element);
  }
  return root.children;
}

/** The text of a node (or of several) and their descendants, as a reader would see it. */
export function textOf(node: RichNode | readonly RichNode[]): string {
  if (Array.isArray(node)) return node.map((item: RichNode) => textOf(item)).join('');
  const one = node as RichNode;
  return isElement(one) ? textOf(one.children) : one.text;
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

/** Writes a tree back as HTML (attributes in their order, text escaped). */
export function nodesToHtml(nodes: readonly RichNode[]): string {
  return nodes
    .map((node) => {
      if (!isElement(node)) return escapeHtml(node.text);
      const attrs = Object.entries(node.attrs)
        .map(([key, value]) => ` ${key}="${escapeHtml(value)}"`)
        .join('');
      if (VOID_TAGS.has(node.name)) return `<${node.name}${attrs}>`;
      return `<${node.name}${attrs}>${nodesToHtml(node.children)}</${node.name}>`;
    })
    .join('');
}
