import { ARTICLE_PAGE, NOTICE_UNITS_MAX, noticeListResponseSchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { AuditEntity } from '../../src/modules/audit/audit.entity';
import { NoticeDeliveryEntity, NoticeEntity } from '../../src/modules/notices/notice.entity';
import { type AuthEnv, bearer, postJson, startAuthEnv } from '../support/auth-env';
import { person } from '../support/joining';
import { published } from '../articles/support';
import {
  type Person,
  allowNotices,
  noticeMessages,
  noticeOf,
  queued,
  runDelivery,
  sendNotice,
  setUnitStatus,
  unitWithContacts,
  wechatNotices,
} from './support';

const text = '本周五下午两点在分会会议室召开会员交流会，请各单位安排一人参加。';

describe('notices to members', () => {
  let env: AuthEnv;
  let staff: Person;
  /** An active 会员单位 with two contacts. */
  let memberUnit: { unitId: number; people: Person[] };
  /** An active 委员单位 with one. */
  let committeeUnit: { unitId: number; people: Person[] };
  /** A 委员单位 removed, and a 副会长单位 suspended. */
  let removedUnit: { unitId: number; people: Person[] };
  let suspendedUnit: { unitId: number; people: Person[] };
  let visitor: Person;

  beforeAll(async () => {
    env = await startAuthEnv();
    staff = await person(env, 'o_notices_staff', ['staff']);
    memberUnit = await unitWithContacts(env, staff, 'member', 2);
    committeeUnit = await unitWithContacts(env, staff, 'committee');
    removedUnit = await unitWithContacts(env, staff, 'committee');
    suspendedUnit = await unitWithContacts(env, staff, 'vice_president');
    await setUnitStatus(env, staff, removedUnit.unitId, 'removed');
    await setUnitStatus(env, staff, suspendedUnit.unitId, 'suspended');
    visitor = await person(env, 'o_notices_visitor');
    // Five units made through joining, on a fresh database: slow on a busy machine.
  }, 120_000);
  afterAll(() => env.close());

  const everyone = () => [
    ...memberUnit.people,
    ...committeeUnit.people,
    ...removedUnit.people,
    ...suspendedUnit.people,
    visitor,
  ];

  /** Who has a message of this title in 消息, each as many times as they have it. */
  async function toldOf(title: string): Promise<Person[]> {
    const told: Person[] = [];
    for (const who of everyone()) {
      for (const message of await noticeMessages(env, who)) if (message.title === title) told.push(who);
    }
    return told;
  }

  async function rows(): Promise<{ notices: number; deliveries: number; audits: number }> {
    const db = env.server.app.get(DataSource);
    return {
      notices: await db.getRepository(NoticeEntity).count(),
      deliveries: await db.getRepository(NoticeDeliveryEntity).count(),
      audits: await db.getRepository(AuditEntity).countBy({ action: 'notice.sent' }),
    };
  }

  it('to everyone: every contact of the active units, in 消息 at once, and the counts', async () => {
    const notice = await queued(env, staff, { title: '会员交流会通知', text, audience: { kind: 'all' } });
    expect(notice).toMatchObject({
      recipients: 0,
      wechatSent: 0,
      read: 0,
      link: null,
      createdBy: '测试用户',
    });
    expect(await toldOf('会员交流会通知')).toEqual([...memberUnit.people, ...committeeUnit.people]);
    const [message] = await noticeMessages(env, committeeUnit.people[0]!);
    expect(message).toMatchObject({ title: '会员交流会通知', body: text, page: null, readAt: null });
    expect(await noticeOf(env, staff, notice.id)).toMatchObject({
      state: 'sent',
      recipients: 3,
      wechatSent: 0,
      read: 0,
    });
    expect((await noticeOf(env, staff, notice.id)).sentAt).not.toBeNull();
    // Another run finds nothing left to send.
    await runDelivery(env);
    expect(await toldOf('会员交流会通知')).toHaveLength(3);
  });

  it('to levels: the active units of those levels; to units: the chosen ones, suspended too', async () => {
    await queued(env, staff, {
      title: '委员单位通知',
      text,
      audience: { kind: 'levels', levels: ['committee', 'vice_president'] },
    });
    await queued(env, staff, {
      title: '指定单位通知',
      text,
      audience: { kind: 'units', unitIds: [suspendedUnit.unitId, memberUnit.unitId] },
    });
    await runDelivery(env);
    expect(await toldOf('委员单位通知')).toEqual(committeeUnit.people);
    expect(await toldOf('指定单位通知')).toEqual([...memberUnit.people, ...suspendedUnit.people]);
  });

  it('goes by WeChat only to those holding a credit for notices, leading to the linked article', async () => {
    const article = await published(env, staff.token, { title: '分会年度工作报告' });
    const holder = memberUnit.people[0]!;
    await allowNotices(env, holder);
    const before = (await wechatNotices(env)).length;
    const notice = await queued(env, staff, {
      title: '年度工作报告发布',
      text,
      link: { kind: 'article', id: article.id },
      audience: { kind: 'levels', levels: ['member', 'committee'] },
    });
    expect(notice.link).toEqual({ kind: 'article', id: article.id, title: '分会年度工作报告' });
    await runDelivery(env);
    const sent = (await wechatNotices(env)).slice(before);
    expect(sent.map((message) => [message.touser, message.page, message.data.thing1?.value])).toEqual([
      ['o_notices_1_0', `${ARTICLE_PAGE}?id=${article.id}`, '年度工作报告发布'],
    ]);
    const [message] = await noticeMessages(env, memberUnit.people[1]!);
    expect(message?.page).toBe(`${ARTICLE_PAGE}?id=${article.id}`);
    expect(await noticeOf(env, staff, notice.id)).toMatchObject({ recipients: 3, wechatSent: 1, read: 0 });

    // The credit was spent: the next notice reaches the holder in 消息 only.
    await queued(env, staff, { title: '第二条通知', text, audience: { kind: 'all' } });
    await runDelivery(env);
    expect((await wechatNotices(env)).slice(before)).toHaveLength(1);
  });

  it('counts a message read in 消息, one by one or all at once, as read', async () => {
    const notice = await queued(env, staff, { title: '阅读统计通知', text, audience: { kind: 'all' } });
    await runDelivery(env);
    const reader = memberUnit.people[1]!;
    const [mine] = await noticeMessages(env, reader);
    const read = await postJson(env, `/api/messages/${mine!.id}/read`, {}, bearer(reader.token));
    expect(read.status).toBe(204);
    expect((await noticeOf(env, staff, notice.id)).read).toBe(1);
    const all = await postJson(env, '/api/messages/read-all', {}, bearer(committeeUnit.people[0]!.token));
    expect(all.status).toBe(204);
    expect(await noticeOf(env, staff, notice.id)).toMatchObject({ recipients: 3, read: 2 });
    const list = await env.server.get('/api/notices?limit=2', { headers: bearer(staff.token) });
    const page = noticeListResponseSchema.parse(list.body);
    expect(page.items[0]).toMatchObject({ id: notice.id, read: 2 });
    expect(page.nextCursor).not.toBeNull();
  });

  it('resumes after a stop between batches and tells nobody twice, even with two runs at once', async () => {
    // A notice recorded but not yet delivered, as a process stopped before its first batch leaves it.
    const notices = env.server.app.get(DataSource).getRepository(NoticeEntity);
    const { identifiers } = await notices.insert({
      title: '分批发送通知',
      text,
      linkKind: null,
      linkId: null,
      audience: JSON.stringify({ kind: 'units', unitIds: [memberUnit.unitId, committeeUnit.unitId] }),
      state: 'queued',
      cursor: 0,
      createdBy: staff.id,
      createdByName: '测试用户',
      createdAt: new Date(),
      sentAt: null,
    });
    const id = Number(identifiers[0]?.id);
    // One contact, then the process "stops".
    expect(await runDelivery(env, { batchSize: 1, maxBatches: 1 })).toBe(1);
    expect(await toldOf('分批发送通知')).toEqual([memberUnit.people[0]]);
    expect(await noticeOf(env, staff, id)).toMatchObject({ state: 'sending', recipients: 1 });
    // The next process, twice at once, in small batches.
    await Promise.all([runDelivery(env, { batchSize: 1 }), runDelivery(env, { batchSize: 1 })]);
    expect(await toldOf('分批发送通知')).toEqual([...memberUnit.people, ...committeeUnit.people]);
    expect(await noticeOf(env, staff, id)).toMatchObject({ state: 'sent', recipients: 3 });
  });

  it('refuses bad input with 400 and writes nothing; members get 403', async () => {
    const before = await rows();
    const cases: [unknown, string][] = [
      [{ title: '  ', text, audience: { kind: 'all' } }, 'VALIDATION_FAILED'],
      [{ title: '长'.repeat(41), text, audience: { kind: 'all' } }, 'VALIDATION_FAILED'],
      [{ title: '通知', text: '长'.repeat(201), audience: { kind: 'all' } }, 'VALIDATION_FAILED'],
      [{ title: '通知', text, audience: { kind: 'levels', levels: ['gold'] } }, 'VALIDATION_FAILED'],
      [{ title: '通知', text, audience: { kind: 'levels', levels: [] } }, 'VALIDATION_FAILED'],
      [{ title: '通知', text, audience: { kind: 'everyone' } }, 'VALIDATION_FAILED'],
      [
        {
          title: '通知',
          text,
          audience: { kind: 'units', unitIds: Array.from({ length: NOTICE_UNITS_MAX + 1 }, (_, i) => i + 1) },
        },
        'VALIDATION_FAILED',
      ],
      [
        { title: '通知', text, audience: { kind: 'units', unitIds: [memberUnit.unitId, 999_999] } },
        'NOTICE_UNITS_UNKNOWN',
      ],
      [
        { title: '通知', text, audience: { kind: 'units', unitIds: [removedUnit.unitId] } },
        'NOTICE_UNITS_UNKNOWN',
      ],
      [
        { title: '通知', text, link: { kind: 'article', id: 999_999 }, audience: { kind: 'all' } },
        'NOTICE_ARTICLE_UNKNOWN',
      ],
      [
        { title: '通知', text, link: { kind: 'event', id: 1 }, audience: { kind: 'all' } },
        'VALIDATION_FAILED',
      ],
    ];
    for (const [body, code] of cases) {
      const res = await sendNotice(env, staff.token, body);
      expect([res.status, (res.body as { code?: string }).code, body]).toEqual([400, code, body]);
    }
    const member = await sendNotice(env, memberUnit.people[0]!.token, {
      title: '通知',
      text,
      audience: { kind: 'all' },
    });
    expect(member.status).toBe(403);
    expect((await env.server.get('/api/notices', { headers: bearer(visitor.token) })).status).toBe(403);
    await runDelivery(env);
    expect(await rows()).toEqual(before);
    const missing = await env.server.get('/api/notices/999999', { headers: bearer(staff.token) });
    expect([missing.status, (missing.body as { code?: string }).code]).toEqual([404, 'NOTICE_NOT_FOUND']);
  });
});
