import type { Locator, Page } from 'playwright-core';
import { currentPage, screenshot, startHarness, waitForPage, type Harness } from './harness';
import { journey } from './journey';

// How the application form helps a person who got something wrong: the first problem is brought
// into view, and a credit code whose checksum does not add up is questioned without being refused.
let harness: Harness;
let page: Page;
const steps = journey(() => harness.baseUrl);

const APPLY = '/packages/join/pages/apply/index';
/** A real PNG: the server judges uploads by their bytes. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
/** Well formed, but its last character is not the checksum of the first 17 (…2K is). */
const MISTYPED_CREDIT_CODE = '91330106MA2H0Y2X1K';
const CREDIT_CODE = '91330106MA2H0Y2X2K';
const CHECKSUM_WARNING = '校验位不符，请核对营业执照；如确认无误可继续提交';

beforeAll(async () => {
  harness = await startHarness();
  page = harness.page;
  await steps.signIn(page, '申请人', '钱申科');
}, 60000);

afterAll(async () => {
  await harness?.close();
});

const field = (selector: string) => currentPage(page).locator(selector);
/** The labelled field around an input, where its message is shown. */
const fieldOf = (input: string) => field('.apply-field').filter({ has: page.locator(input) });

async function inView(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  });
}

/** Waits up to 3 s for the element to be wholly on screen (the page scrolls smoothly). */
async function waitInView(locator: Locator): Promise<boolean> {
  const handle = await locator.elementHandle();
  return page
    .waitForFunction(
      (element) => {
        const box = (element as Element).getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
      },
      handle,
      { timeout: 3000 },
    )
    .then(
      () => true,
      () => false,
    );
}

/** Takes a picker's first choice in each column. */
async function chooseFirst(picker: string): Promise<void> {
  await field(`${picker} .apply-picker`).click();
  await page.locator('.weui-picker:visible').waitFor();
  await page.locator('.weui-picker:visible .weui-picker__action', { hasText: '确定' }).click();
  await page.locator('.weui-picker:visible').waitFor({ state: 'hidden' });
}

test('submitting with errors brings the first erroneous field into view and marks it', async () => {
  await steps.open(page, APPLY);
  await field('.apply-input--unitName input').fill('杭州云栈信息技术有限公司');
  await field('.apply-input--creditCode input').fill(CREDIT_CODE);
  await field('.apply-input--address input').fill('杭州市西湖区文三路 100 号');

  // The button is at the foot of a long form: a click there leaves the top of the form off screen.
  await field('.apply-submit').click();
  const first = fieldOf('.apply-select--unitType');
  await first.locator('.apply-field__error', { hasText: '请选择单位类型' }).waitFor();
  await expect(waitInView(first)).resolves.toBe(true);
  await expect(first.getAttribute('class')).resolves.toContain('apply-field--error');
  // The fields above it, correct, are not marked.
  await expect(fieldOf('.apply-input--unitName').getAttribute('class')).resolves.not.toContain('--error');
  await screenshot(page, 'forms-first-error');
});

test('fixing the first error and submitting again brings the next one into view', async () => {
  await chooseFirst('.apply-select--unitType');
  await chooseFirst('.apply-select--region');
  await field('.apply-input--legalRepresentative input').fill('孙立');
  await field('.apply-input--contact-name input').fill('钱申科');
  await field('.apply-input--contact-title input').fill('总经理助理');
  await field('.apply-input--contact-mobile input').fill('13800000002');
  await field('.apply-input--contact-email input').fill('qian@example.com');
  await field('.apply-submit').click();
  const level = fieldOf('.apply-select--level');
  await level.locator('.apply-field__error').waitFor();
  await expect(waitInView(level)).resolves.toBe(true);
  await expect(inView(field('.apply-submit'))).resolves.toBe(false);
});

test('a credit code whose checksum does not match is questioned beside it, and the application is still submitted', async () => {
  const creditCode = fieldOf('.apply-input--creditCode');
  await field('.apply-input--creditCode input').fill(MISTYPED_CREDIT_CODE);
  await creditCode.getByText(CHECKSUM_WARNING).waitFor();
  // A warning, not an error: the field is not marked red.
  await expect(creditCode.getAttribute('class')).resolves.not.toContain('apply-field--error');

  await chooseFirst('.apply-select--level');
  await field('.apply-textarea textarea').fill(
    '专注于政企客户的云平台运维与信息技术服务管理咨询，服务客户逾百家。',
  );
  const chooser = page.waitForEvent('filechooser');
  await field('.apply-licence__pick').click();
  await (await chooser).setFiles({ name: '营业执照.png', mimeType: 'image/png', buffer: PNG });
  await field('.apply-licence__pick').filter({ hasText: '重新上传' }).waitFor();
  for (const box of await field('.apply-consent__box').all()) await box.click();
  await expect(creditCode.getByText(CHECKSUM_WARNING).isVisible()).resolves.toBe(true);
  await screenshot(page, 'forms-checksum-warning');

  await field('.apply-submit').click();
  await waitForPage(page, '/packages/join/pages/detail/index');
  await currentPage(page).locator('.app-state', { hasText: '待审核' }).waitFor();
  expect(await currentPage(page).innerText()).toContain(MISTYPED_CREDIT_CODE);
});

test('the credit code warning goes once the code is corrected', async () => {
  await steps.open(page, APPLY);
  const creditCode = fieldOf('.apply-input--creditCode');
  await field('.apply-input--creditCode input').fill(MISTYPED_CREDIT_CODE);
  await creditCode.getByText(CHECKSUM_WARNING).waitFor();
  await field('.apply-input--creditCode input').fill(CREDIT_CODE);
  await creditCode.getByText(CHECKSUM_WARNING).waitFor({ state: 'detached' });
});

test('the page showed no errors', () => {
  expect(harness.errors).toEqual([]);
});
