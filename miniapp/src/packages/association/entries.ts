import type { FeatureEntries } from '@/registry';
import { ROUTES } from '@/routes';

export default {
  me: [{ section: '更多', order: 90, text: '入会咨询请联系会员服务部', route: ROUTES.contact }],
  home: [
    { key: 'contact', order: 30, title: '联系我们', desc: '会员服务部', mark: '联', route: ROUTES.contact },
  ],
} satisfies FeatureEntries;
