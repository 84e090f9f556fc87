import { render, waitFor } from '@testing-library/react';
import { downloadFile } from '@test/taro-mock';
import { isElement } from '@/utils/html';
import { ArticleBody, bodySegments } from './index';

const BODY =
  '<h2>一、背景</h2><p>第一段<strong>重点</strong>。</p><p><img src="/api/articles/files/5" alt="现场" /></p>' +
  '<table><tbody><tr><th>级别</th><td>年费</td></tr></tbody></table><p>文中<img src="/api/articles/files/6">图</p>';

test('images that stand alone become image segments; the rest stays rich text, styled inline', () => {
  const segments = bodySegments(BODY);
  expect(segments.map((segment) => segment.kind)).toEqual(['rich', 'image', 'rich']);
  expect(segments[1]).toEqual({ at: 2, kind: 'image', src: '/api/articles/files/5' });
  const rich = JSON.stringify(segments[2]);
  // A table scrolls inside its own box and has borders; an image inside text gets the API's origin and fits.
  expect(rich).toContain('"name":"div","attrs":{"style":"overflow-x:auto;');
  expect(rich).toContain('border:1px solid');
  expect(rich).toContain('"src":"https://api.test/api/articles/files/6"');
  expect(rich).toContain('max-width:100%');
});

test('attributes the page has no use for are dropped; links open beside the app', () => {
  const [segment] = bodySegments(
    '<p class="x" style="color:red"><a href="https://www.itss.cn" title="t">官网</a></p>',
  );
  const [paragraph] = segment?.kind === 'rich' ? segment.nodes : [];
  if (!paragraph || !isElement(paragraph)) throw new Error('no paragraph');
  expect(Object.keys(paragraph.attrs)).toEqual(['style']);
  expect(paragraph.attrs.style).toContain('line-height');
  const [link] = paragraph.children;
  if (!link || !isElement(link)) throw new Error('no link');
  expect(link.name).toBe('a');
  expect(link.attrs).toMatchObject({
    href: 'https://www.itss.cn',
    target: '_blank',
    rel: 'noopener noreferrer',
  });
  expect(link.attrs.title).toBeUndefined();
  expect(link.children).toEqual([{ type: 'text', text: '官网' }]);
});

test('a public article shows its images by address; a members’ article downloads them with the token', async () => {
  const { container, rerender } = render(<ArticleBody html={BODY} needsToken={false} />);
  await waitFor(() => expect(container.querySelector('.article-body__image')).toBeTruthy());
  expect(container.querySelector('.article-body__image')?.getAttribute('src')).toBe(
    'https://api.test/api/articles/files/5',
  );
  expect(downloadFile).not.toHaveBeenCalled();

  rerender(<ArticleBody key="members" html={BODY} needsToken />);
  await waitFor(() =>
    expect(downloadFile).toHaveBeenCalledWith(
      expect.objectContaining({ url: 'https://api.test/api/articles/files/5' }),
    ),
  );
});
