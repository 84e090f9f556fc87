import { RichText, View } from '@tarojs/components';
import { useMemo } from 'react';
import { isElement, parseHtml, textOf, type RichElementNode, type RichNode } from '@/utils/html';
import { ArticleImage, absoluteFileUrl } from '@/components/article-image';
import './index.scss';

/**
 * Inline styles, not classes: WeChat applies a page's classes inside rich-text only in some
 * setups, and H5's RichText renders plain elements; a style attribute works in both.
 */
const STYLES: Record<string, string> = {
  p: 'margin:0 0 14px;line-height:1.8;',
  h1: 'margin:20px 0 12px;font-size:20px;line-height:1.5;font-weight:600;',
  h2: 'margin:20px 0 12px;font-size:18px;line-height:1.5;font-weight:600;',
  h3: 'margin:16px 0 10px;font-size:16px;line-height:1.5;font-weight:600;',
  h4: 'margin:14px 0 8px;font-size:15px;line-height:1.5;font-weight:600;',
  ul: 'margin:0 0 14px;padding-left:22px;',
  ol: 'margin:0 0 14px;padding-left:22px;',
  li: 'margin:4px 0;line-height:1.8;',
  blockquote:
    'margin:0 0 14px;padding:8px 12px;color:#566074;background:#f3f6fb;border-left:3px solid #1f5fbf;',
  a: 'color:#1f5fbf;text-decoration:underline;word-break:break-all;',
  img: 'display:block;max-width:100%;height:auto;margin:8px auto;',
  table: 'border-collapse:collapse;min-width:100%;font-size:14px;line-height:1.6;',
  th: 'padding:6px 8px;border:1px solid #dcdfe6;background:#f3f6fb;font-weight:600;text-align:left;',
  td: 'padding:6px 8px;border:1px solid #dcdfe6;vertical-align:top;',
  hr: 'margin:16px 0;border:none;border-top:1px solid #edf0f5;',
  pre: 'margin:0 0 14px;padding:8px;white-space:pre-wrap;word-break:break-all;background:#f3f6fb;',
};

/** Attributes each tag keeps; the rest of what the server kept has no use on a phone. */
const KEPT_ATTRS: Record<string, string[]> = {
  a: ['href'],
  img: ['src', 'alt'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan'],
  ol: ['start'],
};

function styled(node: RichNode): RichNode {
  if (!isElement(node)) return node;
  const attrs: Record<string, string> = {};
  for (const name of KEPT_ATTRS[node.name] ?? []) {
    const value = node.attrs[name];
    if (value !== undefined) attrs[name] = value;
  }
  if (node.name === 'img' && attrs.src) attrs.src = absoluteFileUrl(attrs.src);
  // A browser would leave the app for a link; open it beside it instead.
  if (node.name === 'a') Object.assign(attrs, { target: '_blank', rel: 'noopener noreferrer' });
  const style = STYLES[node.name];
  if (style) attrs.style = style;
  const element: RichElementNode = { name: node.name, attrs, children: node.children.map(styled) };
  // A table wider than the phone scrolls sideways inside its box instead of pushing the page.
  return node.name === 'table'
    ? { name: 'div', attrs: { style: 'overflow-x:auto;margin:0 0 14px;' }, children: [element] }
    : element;
}

/** The one image a block holds when it holds nothing else (`<img>`, `<p><img></p>`). */
function loneImage(node: RichNode): string | null {
  if (!isElement(node)) return null;
  if (node.name === 'img') return node.attrs.src ?? null;
  const elements = node.children.filter(isElement);
  if (elements.length !== 1 || textOf(node).trim()) return null;
  const [only] = elements;
  return only ? loneImage(only) : null;
}

/** `at`: where the segment starts among the body's top-level nodes, a key stable for one body. */
export type BodySegment =
  { at: number; kind: 'rich'; nodes: RichNode[] } | { at: number; kind: 'image'; src: string };

/**
 * The body as runs of rich text and the images standing on their own between them. Those are
 * shown as <Image>: WeChat's rich-text shows only network images (not a file downloaded with the
 * token), lets no tap through (no preview), and sizes nothing to the screen's width.
 */
export function bodySegments(html: string): BodySegment[] {
  const segments: BodySegment[] = [];
  for (const [at, node] of parseHtml(html).entries()) {
    const image = loneImage(node);
    if (image) {
      segments.push({ at, kind: 'image', src: image });
      continue;
    }
    if (!isElement(node) && !node.text.trim()) continue;
    const last = segments[segments.length - 1];
    if (last?.kind === 'rich') last.nodes.push(styled(node));
    else segments.push({ at, kind: 'rich', nodes: [styled(node)] });
  }
  return segments;
}

/** An article's body as readers see it; `needsToken` for a non-public article's images. */
export function ArticleBody({ html, needsToken }: { html: string; needsToken: boolean }) {
  const segments = useMemo(() => bodySegments(html), [html]);
  return (
    <View className="article-body">
      {segments.map((segment) =>
        segment.kind === 'image' ? (
          <ArticleImage
            key={segment.at}
            className="article-body__image"
            url={segment.src}
            needsToken={needsToken}
            mode="widthFix"
            preview
          />
        ) : (
          <RichText key={segment.at} className="article-body__text" nodes={segment.nodes} />
        ),
      )}
    </View>
  );
}
