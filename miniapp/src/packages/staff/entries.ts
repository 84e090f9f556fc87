import type { FeatureEntries } from '@/registry';
import { ROUTES } from '@/routes';

export default {
  workbench: [
    {
      section: '记录',
      order: 40,
      text: '操作日志',
      route: ROUTES.audit,
      visible: (can) => can.readAuditLog === true,
    },
  ],
  me: [
    {
      section: '更多',
      order: 70,
      text: '工作台',
      route: ROUTES.workbench,
      modifier: 'staff',
      visible: ({ me }) => me.can.openStaffConsole === true,
    },
  ],
} satisfies FeatureEntries;
