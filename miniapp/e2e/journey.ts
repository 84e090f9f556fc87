import type { Page } from 'playwright-core';
import { builtServer, seeding } from '../../server/test/support/seed';
import { currentPage, waitForPage } from './harness';

/** A locator on the page a person is looking at, optionally narrowed by its text. */
export const on = (page: Page, selector: string, hasText?: string) =>
  currentPage(page).locator(selector, hasText ? { hasText } : {});

/**
 * Steps the journeys across several browsers share, against the server at `baseUrl()` (read when
 * a step runs: the harness starts in beforeAll).
 */
export function journey(baseUrl: () => string) {
  const seed = () => seeding(builtServer(baseUrl()));

  /** A POST that must succeed (anything but a 2xx fails the step). */
  function post<T>(path: string, body: unknown, token?: string): Promise<T> {
    return seed().ok<T>(token ?? null, 'POST', path, body);
  }

  async function staffToken(): Promise<string> {
    return (await seed().signIn({ persona: 'staff' })).token;
  }

  /** A real PNG (a QR code): the demo campaign's code, drawn by the WeChat stand-in. */
  async function campaignCode(token: string): Promise<Buffer> {
    const headers = { authorization: `Bearer ${token}` };
    const list = (await (await fetch(`${baseUrl()}/api/campaigns`, { headers })).json()) as {
      items: { id: number }[];
    };
    const response = await fetch(`${baseUrl()}/api/campaigns/${list.items[0]?.id}/code.png`, { headers });
    expect(response.headers.get('content-type')).toBe('image/png');
    return Buffer.from(await response.arrayBuffer());
  }

  /** Signs a browser in as a demo persona on 我的, as a person picks one in the H5 build. */
  async function signIn(page: Page, label: string, name: string): Promise<void> {
    await page.goto(`${baseUrl()}/#/pages/me/index`);
    await waitForPage(page, '/pages/me/index');
    await currentPage(page).getByText('选择演示身份').waitFor();
    await currentPage(page).locator('.me-personas__row', { hasText: label }).click();
    await currentPage(page).locator('.me-profile__name', { hasText: name }).waitFor();
  }

  async function open(page: Page, route: string): Promise<void> {
    await page.goto(`${baseUrl()}/#${route}`);
    await waitForPage(page, route.split('?')[0] ?? route);
  }

  return { post, staffToken, campaignCode, signIn, open };
}
