import { NotificationsService } from '../../src/modules/notifications/notifications.service';
import type { AuthEnv } from '../support/auth-env';

/** A decision message for the person, written as the applications feature writes one. */
export function notifyDecision(
  env: AuthEnv,
  userId: number,
  unitName = '北京示例信息技术有限公司',
): Promise<number> {
  return env.server.app.get(NotificationsService).notify(userId, {
    purpose: 'application_decision',
    title: '入会申请需补充材料',
    body: '请补充加盖公章的营业执照复印件。',
    page: 'packages/join/pages/detail/index?id=1',
    fields: {
      unitName,
      result: '需补充材料',
      note: '请补充加盖公章的营业执照复印件',
      at: new Date('2026-11-24T02:30:00Z'),
    },
  });
}
