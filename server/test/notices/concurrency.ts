import { type Call, type ConcurrencyCase, atOnce, auditRows, tally, times } from '../support/concurrency';
import { person } from '../support/joining';
import { noticeMessages, noticeOf, runDelivery, settled, unitWithContacts } from './support';

export const CONCURRENCY: ConcurrencyCase[] = [
  {
    route: 'POST /api/notices',
    title:
      'five notices sent at once, then two job runners at once in batches of one: each contact told each notice exactly once',
    async run(env) {
      const staff = await person(env, 'o_notice_race_staff', ['staff']);
      const units = [
        await unitWithContacts(env, staff, 'member', 2),
        await unitWithContacts(env, staff, 'committee', 1),
      ];
      const call: Call = {
        method: 'POST',
        path: '/api/notices',
        token: staff.token,
        body: { title: '并发通知', text: '本周五下午召开会员交流会。', audience: { kind: 'all' } },
      };
      expect(tally(await atOnce(env, times(5, call)))).toEqual({ '202': 5 });
      expect(await auditRows(env, 'notice.sent')).toHaveLength(5);
      // The sends' own delivery and two job runners, all at once.
      await Promise.all([
        settled(env),
        runDelivery(env, { batchSize: 1 }),
        runDelivery(env, { batchSize: 1 }),
      ]);
      await settled(env);
      for (const who of units.flatMap((unit) => unit.people)) {
        const titles = (await noticeMessages(env, who)).map((message) => message.title);
        expect(titles).toEqual(Array(5).fill('并发通知'));
      }
      const ids = (await auditRows(env, 'notice.sent')).map((row) => Number(row.target?.split(':')[1]));
      for (const id of ids) {
        expect(await noticeOf(env, staff, id)).toMatchObject({ state: 'sent', recipients: 3 });
      }
    },
  },
];
