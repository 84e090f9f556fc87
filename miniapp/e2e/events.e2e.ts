import type { Page } from 'playwright-core';
import type {
  AttendanceCertificate,
  EventDetail,
  EventStats,
  Registration,
  RegistrationList,
} from '@itss/shared';
import { builtServer, seeding } from '../../server/test/support/seed';
import { compact, screenshot, startHarness, visibleText, waitForPage, type Harness } from './harness';
import { journey, on } from './journey';

// A training in browsers against the built server. Staff publish a training with two seats that
// members may register for an hour before everyone else; a member contact takes the first seat, a
// visitor is told when registration opens for them and takes the second once it has, a third
// person waits in line. The member cancels: the seat is offered to the one waiting, who confirms.
// Staff check both attendees in by their ticket codes at the scanner (one scanned twice), an
// attendee downloads the certificate of attendance and its code verifies on the public page. A paid
// 会议周 is paid through the WeChat Pay stand-in.
let harness: Harness;
/** 孙联络 on a phone: the contact of the demo member unit. */
let member: Page;
/** 赵晓访 on a phone: a visitor, not a member. */
let visitor: Page;
/** 钱申科 on a phone: another visitor, third in line. */
let third: Page;
/** 周会服 at a desk. */
let staff: Page;
let staffToken = '';
let eventId = 0;
const tokens: Record<'member' | 'visitor' | 'third', string> = { member: '', visitor: '', third: '' };
const registrationIds: Record<'member' | 'visitor' | 'third', number> = { member: 0, visitor: 0, third: 0 };

const TITLE = '2027 年 ITSS 宣贯培训（北京站）';
const EVENT_PAGE = '/packages/events/pages/detail/index';
const TICKET_PAGE = '/packages/events/pages/ticket/index';
const EDIT_PAGE = '/packages/events/staff/edit/index';
const SCANNER_PAGE = '/packages/events/staff/scanner/index';
const STATS_PAGE = '/packages/events/staff/stats/index';
const VERIFY_PAGE = '/packages/certificates/pages/verify/index';
const HOUR = 3600_000;
const at = (ms: number) => new Date(Date.now() + ms).toISOString();

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

const { signIn, open } = journey(() => harness.baseUrl);
const seed = () => seeding(builtServer(harness.baseUrl));

async function registrationOf(who: keyof typeof tokens): Promise<Registration> {
  return seed().ok<Registration>(tokens[who], 'GET', `/api/registrations/${registrationIds[who]}`);
}

/** Answers the dialog on screen with its button `button`. */
async function answer(page: Page, button: string): Promise<void> {
  const choice = page.locator('.taro__modal').getByText(button, { exact: true });
  await choice.click();
  await choice.waitFor({ state: 'hidden' });
}

/** Registers on the event page: 我要报名 → the sheet → 提交报名, and the answer's dialog closed. */
async function register(page: Page, name: string, dialog: string): Promise<void> {
  await open(page, `${EVENT_PAGE}?id=${eventId}`);
  await on(page, '.event-bar__button', '报名').click();
  await on(page, '.event-field__input--name input').fill(name);
  await on(page, '.event-sheet__submit').click();
  await page.locator('.taro__modal').getByText(dialog).waitFor();
  await answer(page, '知道了');
}

test('staff publish a two-seat training whose members open an hour before everyone', async () => {
  staffToken = (await seed().signIn({ persona: 'staff' })).token;
  // The editor's fields (time wheels included) are the component tests'; here the draft is made
  // through the same route the editor calls, and staff publish it on the editor page.
  const created = await seed().ok<{ id: number }>(staffToken, 'POST', '/api/events', {
    kind: 'training',
    title: TITLE,
    summary: 'ITSS 标准体系与符合性评估要点解读',
    description: '<p>解读 ITSS 系列标准，介绍符合性评估的流程与要点。</p>',
    place: { mode: 'offline', address: '北京市海淀区中关村南大街 1 号会议中心' },
    startsAt: at(72 * HOUR),
    endsAt: at(78 * HOUR),
    memberOpensAt: at(-5 * 60_000),
    publicOpensAt: at(HOUR),
    closesAt: at(48 * HOUR),
    audience: 'everyone',
    hours: 6,
    sessions: [{ title: '全天', startsAt: at(72 * HOUR), endsAt: at(78 * HOUR), capacity: 2 }],
  });
  eventId = created.id;

  staff = await harness.secondBrowser();
  await signIn(staff, '工作人员', '周会服');
  await open(staff, `${EDIT_PAGE}?id=${eventId}`);
  await on(staff, '.event-edit__publish', '发布').click();
  await staff
    .locator('.taro__modal')
    .getByText(/确定发布吗/)
    .waitFor();
  await answer(staff, '发布');
  await on(staff, '.event-edit__save', '保存修改').waitFor();
  await staff.setViewportSize({ width: 1366, height: 800 });
  await screenshot(staff, 'events-editor-desktop');
  const detail = await seed().ok<EventDetail>(staffToken, 'GET', `/api/events/${eventId}`);
  expect(detail.state).toBe('published');
  expect(detail.membersFirst).toBe(true);
});

test('a member contact registers and holds the first seat', async () => {
  await signIn(member, '会员联系人', '孙联络');
  tokens.member = (await seed().signIn({ persona: 'member_contact' })).token;
  await seed().bindPhone(tokens.member, '13800000003');
  await register(member, '孙联络', '报名成功');
  const { items } = await seed().ok<RegistrationList>(tokens.member, 'GET', '/api/registrations/mine');
  const mine = items.find((item) => item.eventId === eventId);
  expect(mine?.state).toBe('confirmed');
  registrationIds.member = mine?.id ?? 0;
  await member.setViewportSize({ width: 375, height: 812 });
  await open(member, `${EVENT_PAGE}?id=${eventId}`);
  await on(member, '.event-head__title', TITLE).waitFor();
  await screenshot(member, 'events-detail-phone');
});

test('a visitor is told when registration opens for them, then registers for the second seat', async () => {
  visitor = await harness.secondBrowser();
  await signIn(visitor, '访客', '赵晓访');
  tokens.visitor = (await seed().signIn({ persona: 'visitor' })).token;
  await seed().bindPhone(tokens.visitor, '13800000001');
  await open(visitor, `${EVENT_PAGE}?id=${eventId}`);
  await on(visitor, '.event-bar__button--closed').waitFor();
  expect(await visibleText(visitor)).toMatch(/公开报名\s*\d{4}-\d{2}-\d{2}\s*\d{2}:\d{2}\s*起/);
  // The API says the same, with the time.
  const refused = await seed().call(tokens.visitor, 'POST', `/api/events/${eventId}/registrations`, {
    sessionId: (await seed().ok<EventDetail>(staffToken, 'GET', `/api/events/${eventId}`)).sessions[0]?.id,
    name: '赵晓访',
  });
  expect(refused.status).toBe(403);
  expect(refused.body).toMatchObject({ code: 'REGISTRATION_NOT_OPEN_YET' });

  // Staff open it to everyone now.
  await seed().ok(staffToken, 'PATCH', `/api/events/${eventId}`, { publicOpensAt: at(-1000) });
  await register(visitor, '赵晓访', '报名成功');
  const { items } = await seed().ok<RegistrationList>(tokens.visitor, 'GET', '/api/registrations/mine');
  registrationIds.visitor = items.find((item) => item.eventId === eventId)?.id ?? 0;
  expect((await registrationOf('visitor')).state).toBe('confirmed');
});

test('a third person waits in line; the member cancels and the seat is offered to them, who confirms', async () => {
  third = await harness.secondBrowser();
  await signIn(third, '申请人', '钱申科');
  tokens.third = (await seed().signIn({ persona: 'applicant' })).token;
  await seed().bindPhone(tokens.third, '13800000002');
  await register(third, '钱申科', '已进入候补');
  const { items } = await seed().ok<RegistrationList>(tokens.third, 'GET', '/api/registrations/mine');
  registrationIds.third = items.find((item) => item.eventId === eventId)?.id ?? 0;
  expect(await registrationOf('third')).toMatchObject({ state: 'waitlisted', position: 1 });

  await open(member, `${TICKET_PAGE}?id=${registrationIds.member}`);
  await on(member, '.ticket-cancel__button', '取消报名').click();
  await answer(member, '确定取消');
  await on(member, '.ticket-hold__title', '报名已取消').waitFor();

  // Offered in the change that freed the seat: no job had to run.
  expect((await registrationOf('third')).state).toBe('offered');
  await open(third, `${TICKET_PAGE}?id=${registrationIds.third}`);
  await on(third, '.ticket-hold__title', '候补名额已为您保留').waitFor();
  await on(third, '.ticket-hold__button', '确认参加').click();
  await on(third, '.ticket-card__code-value').waitFor();
  // 已确认参加 shows for a moment over the ticket.
  await third.getByText('已确认参加').waitFor({ state: 'hidden' });
  expect((await registrationOf('third')).state).toBe('confirmed');
  await third.setViewportSize({ width: 375, height: 812 });
  await screenshot(third, 'events-ticket-phone');
});

test('staff check both attendees in by their ticket codes; the second scan of one says already', async () => {
  const codes = await Promise.all(
    (['visitor', 'third'] as const).map(async (who) => (await registrationOf(who)).ticketCode ?? ''),
  );
  expect(codes.every((code) => code.length > 0)).toBe(true);
  await staff.setViewportSize({ width: 1280, height: 800 });
  await open(staff, `${SCANNER_PAGE}?id=${eventId}`);
  const scan = async (code: string, result: string) => {
    await on(staff, '.event-scanner__input input').fill(code);
    await on(staff, '.event-scanner__submit').click();
    await on(staff, '.scan-result__title', result).waitFor();
  };
  await scan(codes[0] ?? '', '签到成功');
  await scan(codes[1] ?? '', '签到成功');
  await scan(codes[0] ?? '', '已签到过');
  await scan('abc.AAAAAAAAAAAAAAAA', '无效票码');
  await on(staff, '.event-scanner__count-number', '2').waitFor();
  await screenshot(staff, 'events-scanner-desktop');

  const stats = await seed().ok<EventStats>(staffToken, 'GET', `/api/events/${eventId}/stats`);
  expect(stats).toMatchObject({ confirmed: 2, attended: 2, cancelled: 1 });
  await open(staff, `${STATS_PAGE}?id=${eventId}`);
  await on(staff, '.event-stats__title', TITLE).waitFor();
  await screenshot(staff, 'events-stats-desktop');
});

test('an attendee downloads the certificate of attendance and its code verifies publicly', async () => {
  await open(visitor, `${TICKET_PAGE}?id=${registrationIds.visitor}`);
  await on(visitor, '.ticket-certificate').waitFor();
  const certificate = await seed().ok<AttendanceCertificate>(
    tokens.visitor,
    'GET',
    `/api/registrations/${registrationIds.visitor}/certificate`,
  );
  expect(certificate).toMatchObject({ name: '赵晓访', eventTitle: TITLE, hours: 6 });
  const downloading = visitor.waitForEvent('download');
  await on(visitor, '.ticket-certificate__download').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);

  const anyone = await harness.secondBrowser();
  await open(anyone, `${VERIFY_PAGE}?code=${certificate.code}`);
  await on(anyone, '.verify-verdict--valid').waitFor();
  const text = compact(await visibleText(anyone));
  expect(text).toContain('赵晓访');
  expect(text).toContain(compact(TITLE));
});

test('a paid 会议周 seat is paid through the WeChat Pay stand-in and turns confirmed', async () => {
  const paid = await seed().ok<{ id: number }>(staffToken, 'POST', '/api/events', {
    kind: 'conference',
    title: 'ITSS 会议周·服务创新论坛',
    description: '<p>会员单位优先参加。</p>',
    place: { mode: 'offline', address: '北京市朝阳区国家会议中心' },
    startsAt: at(96 * HOUR),
    endsAt: at(100 * HOUR),
    memberOpensAt: at(-5 * 60_000),
    publicOpensAt: at(-60_000),
    closesAt: at(90 * HOUR),
    audience: 'everyone',
    prices: { member: 30000, committee: 20000, vice_president: 10000, president: 0, non_member: 60000 },
    sessions: [{ title: '主论坛', startsAt: at(96 * HOUR), endsAt: at(100 * HOUR), capacity: 50 }],
  });
  await seed().ok(staffToken, 'POST', `/api/events/${paid.id}/publish`, {});
  eventId = paid.id;
  await open(visitor, `${EVENT_PAGE}?id=${eventId}`);
  await on(visitor, '.event-bar__button', '报名').click();
  await on(visitor, '.event-field__input--name input').fill('赵晓访');
  await on(visitor, '.event-sheet__submit').click();
  const modal = visitor.locator('.taro__modal');
  await modal.getByText('名额已为您保留').waitFor();
  await modal.getByText('去支付').click();
  // The stand-in plays WeChat's cashier.
  await modal.getByText('模拟支付').waitFor();
  await modal.getByText('支付成功', { exact: true }).click();
  await waitForPage(visitor, TICKET_PAGE);
  await on(visitor, '.ticket-card__code-value').waitFor();
  const { items } = await seed().ok<RegistrationList>(tokens.visitor, 'GET', '/api/registrations/mine');
  expect(items.find((item) => item.eventId === eventId)).toMatchObject({
    state: 'confirmed',
    priceFen: 60000,
    paidFen: 60000,
  });
});
