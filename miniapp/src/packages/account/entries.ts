import type { FeatureEntries } from '@/registry';
import { ROUTES } from '@/routes';

export default {
  me: [
    {
      section: '入会与消息',
      order: 20,
      text: '消息',
      route: ROUTES.messages,
      modifier: 'messages',
      badge: ({ unread }) => unread,
    },
    // Only staff can sign in on a computer, so only they have more than this phone to look after.
    {
      section: '更多',
      order: 75,
      text: '登录设备',
      route: ROUTES.sessions,
      modifier: 'sessions',
      visible: ({ me }) => me.can.openStaffConsole === true,
    },
    { section: '更多', order: 80, text: '隐私政策', route: ROUTES.privacy },
  ],
} satisfies FeatureEntries;
