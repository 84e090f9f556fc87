import { ARTICLE_BODY_MAX_BYTES, ARTICLE_FILE_URL_PATTERN, ArticleError } from '@itss/shared';
import sanitizeHtml from 'sanitize-html';
import { AppError } from '../../common/app-error';

const LINK_SCHEMES = /^(https?:|mailto:)/i;
const DIMENSION = /^[1-9][0-9]{0,3}$/;
const SPAN = /^[1-9][0-9]?$/;

/** Keeps the attributes whose value passes its check; everything else is dropped. */
function keep(attribs: Record<string, string>, checks: Record<string, RegExp>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(checks).flatMap(([name, check]) => {
      const value = attribs[name]?.trim();
      return value !== undefined && check.test(value) ? [[name, value]] : [];
    }),
  );
}

/**
 * The one allowlist every article body passes on save (staff articles and member submissions):
 * structure, emphasis, lists, tables, links out of the app and images from the article file store.
 * No style, class or event attribute survives, nor any URL scheme but http, https and mailto; an
 * image whose source is not one of our article files is dropped whole.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
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
  ],
  allowedAttributes: {
    a: ['href', 'rel'],
    img: ['src', 'alt', 'width', 'height'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  allowedClasses: {},
  allowedStyles: {},
  // Their text is code or markup, never reading matter: dropped with the tag.
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'noscript',
    'svg',
    'math',
    'template',
    'iframe',
    'object',
    'embed',
    'xmp',
    'noembed',
    'noframes',
    'title',
    'select',
  ],
  transformTags: {
    a: (tagName, attribs) => {
      const href = attribs.href?.trim();
      const kept: sanitizeHtml.Attributes =
        href && LINK_SCHEMES.test(href) ? { href, rel: 'noopener noreferrer' } : {};
      return { tagName, attribs: kept };
    },
    img: (tagName, attribs) => ({
      tagName,
      attribs: keep(attribs, {
        src: ARTICLE_FILE_URL_PATTERN,
        alt: /^[^<>]{0,200}$/,
        width: DIMENSION,
        height: DIMENSION,
      }),
    }),
    th: (tagName, attribs) => ({ tagName, attribs: keep(attribs, { colspan: SPAN, rowspan: SPAN }) }),
    td: (tagName, attribs) => ({ tagName, attribs: keep(attribs, { colspan: SPAN, rowspan: SPAN }) }),
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/** The body as readers get it: whatever was sent, through the allowlist. */
export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

/** Sanitizes a body for saving; refuses one that is still over the column's limit in UTF-8. */
export function articleBodyForSaving(html: string): string {
  const clean = sanitizeArticleHtml(html);
  if (Buffer.byteLength(clean, 'utf8') > ARTICLE_BODY_MAX_BYTES) throw new AppError(ArticleError.BodyTooLong);
  return clean;
}

/** The article files a sanitized body shows as images, in order, each once. */
export function bodyImageIds(html: string): number[] {
  const ids = new Set<number>();
  for (const match of html.matchAll(/<img [^>]*src="([^"]*)"/g)) {
    const id = ARTICLE_FILE_URL_PATTERN.exec(match[1] ?? '')?.[1];
    if (id) ids.add(Number(id));
  }
  return [...ids];
}

/** Tags inside a line of text: removed without a gap, so 数<strong>据中</strong>心 still reads 数据中心. */
const INLINE_TAGS = /^<\/?(strong|b|em|i|u|s|a|span|sub|sup)\b/i;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * The words of a sanitized body as plain text, for the search index: inline tags vanish, every
 * other tag (paragraphs, cells, line breaks, images) becomes a space, so no word spans two blocks.
 */
export function articleBodyText(html: string): string {
  return html
    .replace(/<[^>]*>/g, (tag) => (INLINE_TAGS.test(tag) ? '' : ' '))
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (_entity, name: string) => {
      if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? ' ';
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
    });
}
