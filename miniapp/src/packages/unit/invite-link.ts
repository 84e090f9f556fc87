import type { Invite } from '@itss/shared';
import { isH5 } from '@/services/session';

/**
 * The browser link an invitee opens: the H5 app at the invite page the server named. In H5 it is
 * this very app, wherever it is served (origin and path); in WeChat the H5 app of the API's server.
 */
export function inviteLink(invite: Invite): string {
  const app = isH5() ? `${window.location.origin}${window.location.pathname}` : `${API_BASE}/`;
  return `${app}#/${invite.path.replace(/^\//, '')}`;
}
