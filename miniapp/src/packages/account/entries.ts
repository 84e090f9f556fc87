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
    { section: '更多', order: 80, text: '隐私政策', route: ROUTES.privacy },
  ],
} satisfies FeatureEntries;
