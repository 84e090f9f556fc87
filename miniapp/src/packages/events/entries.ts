import type { FeatureEntries } from '@/registry';
import { ROUTES } from '@/routes';

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
  ],
} satisfies FeatureEntries;
