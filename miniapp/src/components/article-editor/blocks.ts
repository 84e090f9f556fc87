import {
  escapeHtml,
  isElement,
  nodesToHtml,
  parseHtml,
  textOf,
  type RichElementNode,
  type RichNode,
} from '@/utils/html';

/**
 * The body as the editor holds it: a list of blocks a person can edit on a phone as well as in a
 * browser. Paragraph-like text carries two marks, `**粗体**` and `[文字](https://…)`; a backslash
 * keeps a `*`, `[`, `]` or `\` literal. What the blocks cannot express is kept as a raw block.
 */
export type Block =
  | { kind: 'heading'; level: 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'quote'; text: string }
  | { kind: 'image'; url: string }
  | { kind: 'raw'; html: string };
export type BlockKind = Block['kind'];

const SAFE_LINK = /^(https?:\/\/[^\s()]+|mailto:[^\s()]+)$/i;

export const isSafeLink = (url: string): boolean => SAFE_LINK.test(url);

/** A literal text as marked text: the characters that mean a mark get a backslash. */
export function escapeMarks(text: string): string {
  return text.replace(/[\\*[\]]/g, (char) => `\\${char}`);
}

/** Marked text as inline HTML: bold, links and line breaks; everything else is escaped text. */
export function marksToHtml(marked: string): string {
  let html = '';
  let text = '';
  const flush = () => {
    html += escapeHtml(text).replace(/\n/g, '<br>');
    text = '';
  };
  let bold = false;
  let index = 0;
  while (index < marked.length) {
    const char = marked[index] as string;
    if (char === '\\' && index + 1 < marked.length) {
      text += marked[index + 1];
      index += 2;
      continue;
    }
    if (marked.startsWith('**', index) && (bold || marked.indexOf('**', index + 2) > index + 2)) {
      flush();
      html += bold ? '</strong>' : '<strong>';
      bold = !bold;
      index += 2;
      continue;
    }
    if (char === '[') {
      const link = /^\[((?:\\.|[^\\\]])+)\]\(([^\s()]+)\)/.exec(marked.slice(index));
      if (link && isSafeLink(link[2] as string)) {
        flush();
        const label = (link[1] as string).replace(/\\(.)/g, '$1');
        html += `<a href="${escapeHtml(link[2] as string)}">${escapeHtml(label)}</a>`;
        index += link[0].length;
        continue;
      }
    }
    text += char;
    index += 1;
  }
  flush();
  return bold ? `${html}</strong>` : html;
}

/** Inline HTML as marked text, or null when it holds more than the marks can say (italics, nested bold). */
export function inlineToMarks(nodes: RichNode[], inBold = false): string | null {
  let marked = '';
  for (const node of nodes) {
    if (!isElement(node)) {
      marked += escapeMarks(node.text.replace(/[\t\r\n]+/g, ' '));
    } else if (node.name === 'br') {
      marked += '\n';
    } else if ((node.name === 'strong' || node.name === 'b') && !inBold) {
      const inner = inlineToMarks(node.children, true);
      if (inner === null) return null;
      if (inner) marked += `**${inner}**`;
    } else if (node.name === 'a') {
      const href = node.attrs.href ?? '';
      const label = textOf(node.children);
      if (!isSafeLink(href) || !label || node.children.some(isElement)) return null;
      marked += `[${escapeMarks(label)}](${href})`;
    } else {
      return null;
    }
  }
  return marked;
}

function blockToHtml(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return block.text.trim() ? `<h${block.level}>${escapeHtml(block.text.trim())}</h${block.level}>` : '';
    case 'paragraph':
      return block.text.trim() ? `<p>${marksToHtml(block.text.trim())}</p>` : '';
    case 'quote':
      return block.text.trim() ? `<blockquote><p>${marksToHtml(block.text.trim())}</p></blockquote>` : '';
    case 'list': {
      const items = block.items.map((item) => item.trim()).filter(Boolean);
      const tag = block.ordered ? 'ol' : 'ul';
      return items.length
        ? `<${tag}>${items.map((item) => `<li>${marksToHtml(item)}</li>`).join('')}</${tag}>`
        : '';
    }
    case 'image':
      return block.url ? `<p><img src="${escapeHtml(block.url)}"></p>` : '';
    case 'raw':
      return block.html;
  }
}

/** The blocks as the HTML body sent to the server; empty blocks are left out. */
export function blocksToHtml(blocks: Block[]): string {
  return blocks.map(blockToHtml).join('');
}

const BLOCK_TAGS = new Set(['h2', 'h3', 'h4', 'p', 'blockquote', 'ul', 'ol', 'table', 'hr', 'img']);

const elementsOnly = (nodes: RichNode[]): RichNode[] =>
  nodes.filter((node) => isElement(node) || node.text.trim() !== '');

function elementToBlock(element: RichElementNode): Block {
  const raw: Block = { kind: 'raw', html: nodesToHtml([element]) };
  const children = elementsOnly(element.children);
  switch (element.name) {
    case 'h2':
    case 'h3':
      return !children.some(isElement)
        ? { kind: 'heading', level: element.name === 'h2' ? 2 : 3, text: textOf(children).trim() }
        : raw;
    case 'img':
      return element.attrs.src ? { kind: 'image', url: element.attrs.src } : raw;
    case 'p': {
      const only = children[0];
      if (children.length === 1 && only && isElement(only) && only.name === 'img' && only.attrs.src)
        return { kind: 'image', url: only.attrs.src };
      const text = inlineToMarks(element.children);
      return text === null ? raw : { kind: 'paragraph', text: text.trim() };
    }
    case 'blockquote': {
      const only = children[0];
      const inner =
        children.length === 1 && only && isElement(only) && only.name === 'p'
          ? only.children
          : element.children;
      const text = inlineToMarks(inner);
      return text === null ? raw : { kind: 'quote', text: text.trim() };
    }
    case 'ul':
    case 'ol': {
      const items: string[] = [];
      for (const child of children) {
        if (!isElement(child) || child.name !== 'li') return raw;
        const item = inlineToMarks(child.children);
        // One item per line in the editor: a line break inside an item cannot be told apart.
        if (item === null || item.includes('\n')) return raw;
        items.push(item.trim());
      }
      return { kind: 'list', ordered: element.name === 'ol', items };
    }
    default:
      return raw;
  }
}

/** A stored body as blocks; loose inline content between blocks becomes a paragraph. */
export function htmlToBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  let loose: RichNode[] = [];
  const flushLoose = () => {
    if (textOf(loose).trim() || loose.some((node) => isElement(node) && node.name !== 'br')) {
      const text = inlineToMarks(loose);
      blocks.push(
        text === null ? { kind: 'raw', html: nodesToHtml(loose) } : { kind: 'paragraph', text: text.trim() },
      );
    }
    loose = [];
  };
  for (const node of parseHtml(html)) {
    if (isElement(node) && BLOCK_TAGS.has(node.name)) {
      flushLoose();
      blocks.push(elementToBlock(node));
    } else {
      loose.push(node);
    }
  }
  flushLoose();
  return blocks;
}
