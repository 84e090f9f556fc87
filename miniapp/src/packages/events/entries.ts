import type { FeatureEntries } from '@/registry';
import { ROUTES } from '@/routes';
import { getInvoiceRequests } from './api';

/** One page of open invoice requests is the count; past it the tile says "50+". */
const COUNT_PAGE = 50;

export default {
  home: [
    // Beside 会员权益: the trainings and the 会议周 are what most people come for.
    { key: 'events', order: 15, title: '活动报名', desc: '培训与会议', mark: '活', route: ROUTES.events },
  ],
  me: [
    {
      // A section of its own, before 更多.
      section: '活动',
      order: 65,
      text: '我的活动',
      route: ROUTES.myEvents,
      modifier: 'events',
      value: () => '报名、电子票与证明',
    },
  ],
  workbench: [
    // After 资讯: trainings, the 会议周, lectures and salons.
    { section: '活动', order: 35, text: '活动管理', route: ROUTES.eventsStaff, modifier: 'events' },
    {
      section: '活动',
      order: 36,
      text: '活动发票',
      route: ROUTES.eventInvoices,
      modifier: 'event-invoices',
      count: {
        load: async () => {
          const page = await getInvoiceRequests('requested', null, COUNT_PAGE);
          return { count: page.items.length, more: page.nextCursor !== null };
        },
        label: '份开票申请',
        none: '暂无开票申请',
      },
    },
  ],
} satisfies FeatureEntries;
