import type { FeatureEntries } from '@/registry';
import { ROUTES } from '@/routes';

export default {
  workbench: [
    // After 资讯: trainings, the 会议周, lectures and salons.
    { section: '活动', order: 35, text: '活动管理', route: ROUTES.eventsStaff, modifier: 'events' },
  ],
} satisfies FeatureEntries;
