import type { Page, Response } from 'playwright-core';
import {
  DESKTOP_LOGIN_PAGE,
  WORKBENCH_PAGE,
  type CreateDesktopLoginResponse,
  type DeviceSessionList,
} from '@itss/shared';
import { builtServer, seeding } from '../../server/test/support/seed';
import { currentPage, screenshot, startHarness, visibleText, waitForPage, type Harness } from './harness';
import { journey } from './journey';

// 工作台 in a browser, signed in by scanning: the desktop shows a code, staff confirm on the phone
// (here through the API with the staff persona's token; the weapp runtime suite taps the phone's page),
// the desktop lands on 工作台 with a session of its own in session storage, a visitor's confirmation is
// refused, and 我的 → 登录设备 on the phone ends the desktop's session.

let harness: Harness;
/** The staff member's phone: the harness's first browser, phone-sized. */
let phone: Page;
/** The desk's browser, at a common laptop size. */
let desktop: Page;
const steps = journey(() => harness.baseUrl);
const api = () => seeding(builtServer(harness.baseUrl));

const SIGN_IN_PAGE = '/packages/account/pages/desktop-sign-in/index';
const SESSIONS_PAGE = '/packages/account/pages/sessions/index';

/** The ticket the desktop's sign-in page asked for, read off its request as the phone's camera reads the code. */
const isNewTicket = (response: Response) =>
  response.url().endsWith('/api/desktop-logins') && response.request().method() === 'POST';

async function tokenOf(persona: 'staff' | 'visitor'): Promise<string> {
  return (await api().signIn({ persona })).token;
}

beforeAll(async () => {
  harness = await startHarness();
  phone = harness.page;
  desktop = await harness.secondBrowser();
  await desktop.setViewportSize({ width: 1366, height: 800 });
}, 60000);

afterAll(async () => {
  await harness?.close();
});

let desktopToken = '';

test('the desktop shows the code; a visitor’s confirmation is refused; staff confirm and the desktop reaches 工作台', async () => {
  // In development the demo personas stay on 我的, with the scan sign-in beside them.
  await desktop.goto(`${harness.baseUrl}/#/pages/me/index`);
  await waitForPage(desktop, '/pages/me/index');
  const created = desktop.waitForResponse(isNewTicket);
  await currentPage(desktop).getByText('工作人员扫码登录工作台').click();
  await waitForPage(desktop, SIGN_IN_PAGE);
  const code = (await (await created).json()) as CreateDesktopLoginResponse;

  await currentPage(desktop).getByText('请使用微信扫码，在小程序中确认登录').waitFor();
  const image = currentPage(desktop).locator('.desktop-sign-in__image img');
  await desktop.waitForFunction(
    (img) => !!img && (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
    await image.elementHandle(),
  );
  await expect(image.getAttribute('src')).resolves.toBe(code.imageUrl);
  expect(await visibleText(desktop)).toMatch(/二维码[12]:\d\d后失效/);
  await screenshot(desktop, 'desktop-sign-in');

  // A visitor cannot confirm, nor take the ticket by scanning it: refused, and the desktop still waits.
  const visitor = await tokenOf('visitor');
  for (const step of ['scan', 'confirm'])
    await expect(api().call(visitor, 'POST', `/api/desktop-logins/${code.ticket}/${step}`)).resolves.toEqual(
      expect.objectContaining({ status: 403 }),
    );

  const staff = await tokenOf('staff');
  const details = await api().ok<{ browser: string }>(
    staff,
    'POST',
    `/api/desktop-logins/${code.ticket}/scan`,
  );
  expect(details.browser).toContain('Chrom');
  await currentPage(desktop).getByText('已扫码，请在手机上确认').waitFor();

  await api().ok(staff, 'POST', `/api/desktop-logins/${code.ticket}/confirm`);
  await waitForPage(desktop, `/${WORKBENCH_PAGE}`);
  await currentPage(desktop).getByText('添加工作人员').waitFor();

  // The session lives in the tab's session storage: nothing in local storage, no cookie.
  desktopToken = (await desktop.evaluate(() => sessionStorage.getItem('itss.desktop.token'))) ?? '';
  expect(desktopToken).not.toBe('');
  const local = await desktop.evaluate(() => JSON.stringify(localStorage));
  expect(local).not.toContain(desktopToken);
  expect(await desktop.context().cookies()).toEqual([]);
  await expect(api().call(desktopToken, 'GET', '/api/me')).resolves.toEqual(
    expect.objectContaining({ status: 200 }),
  );
  // Given once: a second poll learns that it is confirmed, and no session.
  const again = await api().ok<Record<string, unknown>>(
    null,
    'GET',
    `/api/desktop-logins/${code.ticket}`,
    undefined,
    {
      'x-poll-token': code.pollToken,
    },
  );
  expect(again).not.toHaveProperty('token');
});

test('the phone’s confirmation page: which browser asks, then 取消', async () => {
  await steps.signIn(phone, '工作人员', '周会服');
  const code = await api().ok<CreateDesktopLoginResponse>(null, 'POST', '/api/desktop-logins');
  await steps.open(phone, `/${DESKTOP_LOGIN_PAGE}?scene=${code.ticket}`);
  await currentPage(phone).getByText('在电脑上登录工作台？').waitFor();
  const text = await visibleText(phone);
  for (const words of ['浏览器', '大致位置', '请求时间', '确认登录', '取消']) expect(text).toContain(words);
  await screenshot(phone, 'desktop-login-confirm');

  await currentPage(phone).locator('.desktop-login__secondary', { hasText: '取消' }).click();
  await currentPage(phone).getByText('已取消登录').waitFor();
  await expect(
    api().ok(null, 'GET', `/api/desktop-logins/${code.ticket}`, undefined, {
      'x-poll-token': code.pollToken,
    }),
  ).resolves.toEqual({ state: 'expired' });

  // A forged scene: a message, no crash.
  await steps.open(phone, `/${DESKTOP_LOGIN_PAGE}?scene=forged`);
  await currentPage(phone).getByText('登录二维码无效，请在电脑上刷新后重新扫码').waitFor();
});

test('我的 → 登录设备 on the phone ends the desktop’s session: its API calls are refused and it is back at sign-in', async () => {
  expect(desktopToken).not.toBe('');
  await steps.open(phone, '/pages/me/index');
  await currentPage(phone).getByText('登录设备', { exact: true }).click();
  await waitForPage(phone, SESSIONS_PAGE);
  const desk = currentPage(phone).locator('.device--desktop');
  await desk.waitFor();
  await expect(desk.innerText()).resolves.toContain('Chrom');
  await currentPage(phone).locator('.device', { hasText: '本机' }).waitFor();
  await screenshot(phone, 'me-sessions');

  await desk.locator('.device__revoke').click();
  await phone.getByText('上的工作台将立即退出登录').waitFor();
  await phone.locator('.taro__modal').getByText('退出登录', { exact: true }).click();
  await desk.waitFor({ state: 'detached' });
  const staff = await tokenOf('staff');
  const left = await api().ok<DeviceSessionList>(staff, 'GET', '/api/me/sessions');
  expect(left.items.filter((item) => item.kind === 'desktop')).toEqual([]);

  await expect(api().call(desktopToken, 'GET', '/api/me')).resolves.toEqual(
    expect.objectContaining({ status: 401 }),
  );
  // The desktop's next request is refused: it forgets the session and shows the way to sign in again.
  await desktop.reload();
  await waitForPage(desktop, `/${WORKBENCH_PAGE}`);
  await currentPage(desktop).getByText('此页面仅限会员服务部工作人员使用，请先登录').waitFor();
  await expect(desktop.evaluate(() => sessionStorage.getItem('itss.desktop.token'))).resolves.toBeNull();
});
