import { readFileSync } from 'node:fs';
import path from 'node:path';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import type { BillListResponse, Certificate, Me } from '@itss/shared';
import { builtServer, seeding } from '../../server/test/support/seed';
import { compact, screenshot, startHarness, visibleText, waitForPage, type Harness } from './harness';
import { journey, on } from './journey';
import { loginAs } from './joining';

// 电子会员证书 in a browser against the built server: the demo unit's primary contact sees why there
// is no certificate while this year's bill is open; once staff record the transfer, 我的单位 shows the
// certificate. Its PDF is read back as text and its picture's QR code decoded; the QR's address,
// opened in a fresh browser with no session, shows the certificate 有效. Suspended, then removed,
// the same address says 无效 and why; a made-up code reads 证书编号无效.
let harness: Harness;
let member: Page;
let memberToken: string;
let unit: NonNullable<Me['unit']>;
/** The address the certificate's QR code holds. */
let verifyUrl: string;
/** The person who scanned it: a browser of their own, never signed in. */
let stranger: Page;

/** The bills' year as the association counts it (Beijing). */
const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
const MY_UNIT = '/packages/unit/pages/index/index';
const VERIFY = '/packages/certificates/pages/verify/index';
const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');

beforeAll(async () => {
  harness = await startHarness();
  member = harness.page;
}, 60000);

afterAll(async () => {
  await harness?.close();
});

afterEach(() => {
  expect(harness.errors).toEqual([]);
});

const { post, staffToken, signIn } = journey(() => harness.baseUrl);
const seed = () => seeding(builtServer(harness.baseUrl));

async function pdfText(pdf: Buffer): Promise<string> {
  // The package's index runs a self-test when it is the main module: take its function directly.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const parse = require('pdf-parse/lib/pdf-parse.js') as (data: Buffer) => Promise<{ text: string }>;
  return (await parse(pdf)).text;
}

function qrOf(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  const pixels = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length);
  return jsQR(pixels, image.width, image.height)?.data ?? null;
}

/** What a click on `selector` saves, as bytes, with the name the browser gave it. */
async function downloaded(selector: string): Promise<{ name: string; bytes: Buffer }> {
  const downloading = member.waitForEvent('download');
  await on(member, selector).click();
  const download = await downloading;
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

async function openMyUnit(): Promise<void> {
  await member.goto(`${harness.baseUrl}/#/pages/me/index`);
  await waitForPage(member, '/pages/me/index');
  await on(member, '.me-help__row--unit').click();
  await waitForPage(member, MY_UNIT);
  await on(member, '.unit-banner__title', unit.name).waitFor();
}

/** The fresh browser opens the QR's address; the server sends it on to the verification page. */
async function verifyAt(url: string): Promise<string> {
  await stranger.goto(url);
  await waitForPage(stranger, VERIFY);
  const word = stranger.locator('.taro_page_stationed:visible .verify-verdict__word');
  await word.waitFor();
  return compact(await word.innerText());
}

test('with this year’s bill open, 我的单位 says why there is no certificate and leads to 会费', async () => {
  await post(`/api/dues/years/${YEAR}/bills`, {}, await staffToken());
  memberToken = await loginAs(harness.baseUrl, 'primary_contact');
  const me = await seed().ok<Me>(memberToken, 'GET', '/api/me');
  if (!me.unit) throw new Error('the primary contact persona has no unit');
  unit = me.unit;

  await signIn(member, '主联系人', '李主联');
  await openMyUnit();
  // Read from the bills on the page: the server is not asked for a certificate it would refuse.
  await on(member, '.certificate-card__reason', '本年度会费尚未缴清').waitFor();
  expect(await on(member, '.certificate-card__pdf').count()).toBe(0);
  await on(member, '.certificate-card__dues', '前往会费').click();
  await waitForPage(member, '/packages/dues/pages/index/index');
  await on(member, '.dues-bill').first().waitFor();
});

test('paid by transfer, the certificate shows on 我的单位: picture, number, year and 有效期至', async () => {
  const { items } = await seed().ok<BillListResponse>(memberToken, 'GET', `/api/units/${unit.id}/bills`);
  const bill = items.find((item) => item.year === YEAR);
  if (!bill) throw new Error(`no ${YEAR} bill for the demo unit`);
  await post(
    `/api/dues/bills/${bill.id}/payments`,
    {
      amountFen: bill.amountFen - bill.paidFen,
      paidOn: `${YEAR}-03-01`,
      bankReference: `CERT${Date.now()}`,
      payerName: unit.name,
    },
    await staffToken(),
  );
  const certificate = await seed().ok<Certificate>(memberToken, 'GET', `/api/units/${unit.id}/certificate`);

  await openMyUnit();
  await on(member, '.certificate-card__value', certificate.number).waitFor();
  // The picture arrives with the token, as a blob the page shows.
  const image = on(member, '.certificate-card__image img');
  await image.waitFor();
  await member.waitForFunction(
    () => {
      const shown = document.querySelector<HTMLImageElement>(
        '.taro_page_stationed .certificate-card__image img',
      );
      return !!shown && shown.src.startsWith('blob:') && shown.complete && shown.naturalWidth > 0;
    },
    undefined,
    { timeout: 20000 },
  );
  const text = await visibleText(member);
  for (const words of ['电子会员证书', `${YEAR} 年度`, '有效期至', `${YEAR}-12-31`, '下载图片', '下载 PDF'])
    expect(text).toContain(compact(words));

  if (process.env.SCREENSHOTS === '1') {
    const card = on(member, '.certificate-section');
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: path.join(SCREENSHOT_DIR, 'certificate.png') });
  }
});

test('下载 PDF saves the certificate, whose text names the unit; 下载图片 saves a picture whose QR code is an address', async () => {
  const pdf = await downloaded('.certificate-card__pdf');
  expect(pdf.name).toMatch(new RegExp(`^电子会员证书-${YEAR}-.+\\.pdf$`));
  expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = compact(await pdfText(pdf.bytes));
  expect(text).toContain(compact(unit.name));

  const png = await downloaded('.certificate-card__save');
  expect(png.name).toMatch(new RegExp(`^电子会员证书-${YEAR}-.+\\.png$`));
  const decoded = qrOf(png.bytes);
  expect(decoded).toMatch(/^https?:\/\/[^/]+\/verify\?code=[A-Z2-7]{20}$/);
  verifyUrl = decoded ?? '';
  // No server configured PUBLIC_URL here: the address is the server's own.
  expect(new URL(verifyUrl).origin).toBe(harness.baseUrl);
});

test('the QR’s address in a fresh browser, never signed in: 有效, with the unit’s name and level', async () => {
  stranger = await harness.secondBrowser({ phone: true });
  await expect(verifyAt(verifyUrl)).resolves.toBe('有效');
  const text = await visibleText(stranger);
  for (const words of [unit.name, '有效期至', `${YEAR}-12-31`, '核验结果'])
    expect(text).toContain(compact(words));
  // Nobody signed in there: the page asked the public route only.
  await expect(
    stranger.evaluate(() => window.localStorage.getItem('itss.session.token')),
  ).resolves.toBeNull();
  await screenshot(stranger, 'certificate-verify');
  await stranger.setViewportSize({ width: 1366, height: 800 });
  await screenshot(stranger, 'certificate-verify-desktop');
  await stranger.setViewportSize({ width: 375, height: 812 });
});

test('a made-up or malformed code reads 证书编号无效, and names no unit', async () => {
  for (const code of ['AAAAAAAAAAAAAAAAAAAA', 'not-a-code']) {
    await expect(verifyAt(`${harness.baseUrl}/verify?code=${code}`)).resolves.toBe('证书编号无效');
    expect(await visibleText(stranger)).not.toContain(compact(unit.name));
  }
});

test('suspended, then removed, the same address says 无效 and why', async () => {
  const staff = await staffToken();
  await seed().ok(staff, 'PATCH', `/api/units/${unit.id}/status`, {
    status: 'suspended',
    reason: '未按规定参加年度活动',
  });
  await expect(verifyAt(verifyUrl)).resolves.toBe('无效');
  let text = await visibleText(stranger);
  expect(text).toContain('该单位会籍已暂停');
  expect(text).toContain(compact(unit.name));

  await seed().ok(staff, 'PATCH', `/api/units/${unit.id}/status`, {
    status: 'removed',
    reason: '经会长办公会决定予以除名',
  });
  await expect(verifyAt(verifyUrl)).resolves.toBe('无效');
  text = await visibleText(stranger);
  expect(text).toContain('该单位已被除名');
});
