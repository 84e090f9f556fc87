import { JOIN_REQUEST_STATE_NAMES } from '@itss/shared';
import type { FeatureEntries } from '@/registry';
import { ROUTES } from '@/routes';

export default {
  workbench: [{ section: '会员', order: 20, text: '会员单位', route: ROUTES.units }],
  me: [
    {
      section: '入会与消息',
      order: 30,
      text: '我的单位',
      route: ROUTES.myUnit,
      query: ({ me }) => ({ id: me.unit?.id }),
      modifier: 'unit',
      visible: ({ me }) => me.unit !== null,
      value: ({ me }) => me.unit?.name ?? '',
    },
    {
      // Informs only: the request waits for the unit's primary contact.
      section: '入会与消息',
      order: 50,
      text: '加入申请',
      modifier: 'join-request',
      visible: ({ pending }) => pending !== null,
      value: ({ pending }) =>
        pending ? `${pending.unit.name} · ${JOIN_REQUEST_STATE_NAMES[pending.state]}` : '',
    },
  ],
} satisfies FeatureEntries;
