import { Button, Text, View } from '@tarojs/components';
import { APPLICATION_STATE_NAMES, type Application, type ApplicationSummary, type Me } from '@itss/shared';
import { useEffect, type ReactNode } from 'react';
import { useRefreshOnShow } from '@/components/kit/use-refresh-on-show';
import { getApplication, getMyApplications } from '@/packages/join/api';
import { session, useSession } from '@/services/session';
import { useRequest } from '@/services/useRequest';
import { openApplication, openPage, openTab } from '@/utils/actions';
import { ROUTES } from '@/routes';
import './join-status.scss';

interface Latest {
  application: ApplicationSummary | null;
  /** Staff's reason, for a rejected application. */
  reason: string | null;
}

async function loadLatest(): Promise<Latest> {
  const application = (await getMyApplications()).items[0] ?? null;
  if (application?.state !== 'rejected') return { application, reason: null };
  const detail: Application = await getApplication(application.id);
  return { application, reason: detail.history.at(-1)?.note ?? null };
}

function Card({
  title,
  text,
  children,
  tone = 'brand',
}: {
  title: string;
  text?: string | null;
  children: ReactNode;
  tone?: 'brand' | 'danger' | 'success';
}) {
  return (
    <View className={`join-status join-status--${tone}`}>
      <Text className="join-status__title">{title}</Text>
      {text ? <Text className="join-status__text">{text}</Text> : null}
      <View className="join-status__actions">{children}</View>
    </View>
  );
}

function Apply() {
  return (
    <Card title="申请加入 ITSS 分会" text="在线填写入会申请，会员服务部审核后通知您">
      <Button className="join-status__action" onClick={openApplication}>
        申请入会
      </Button>
    </Card>
  );
}

/** What joining looks like for a signed-in person, from their latest application. */
function SignedIn({ me }: { me: Me }) {
  // Keyed by the person (JoinStatus): another person mounts afresh and loads their own.
  const { state, refresh } = useRequest(loadLatest);
  // Back from the form or a decision's message, the application has moved on.
  useRefreshOnShow(refresh);
  const approvedElsewhere =
    state.status === 'success' && state.data.application?.state === 'approved' && !me.unit;
  useEffect(() => {
    // Approved since the person was last read (首页 does not read them on each show): read them
    // again, so the unit appears; someone who has since left a unit stays without one.
    if (approvedElsewhere) session.refresh().catch(() => undefined);
  }, [approvedElsewhere]);
  if (state.status === 'loading') return null;
  // Without the application the way in still stands; a contact has nothing to apply for.
  const { application, reason } =
    state.status === 'success' ? state.data : { application: null, reason: null };
  if (application?.state === 'approved' && me.unit)
    return (
      <Card tone="success" title="入会申请已通过" text={me.unit.name}>
        <Button className="join-status__action" onClick={() => openPage(ROUTES.myUnit, { id: me.unit?.id })}>
          查看我的单位
        </Button>
      </Card>
    );
  if (me.unit) return null;
  if (application?.state === 'rejected')
    return (
      <Card tone="danger" title="入会申请未通过" text={reason ? `原因：${reason}` : null}>
        <Button className="join-status__action" onClick={openApplication}>
          重新申请
        </Button>
        <Button className="join-status__contact" onClick={() => openTab(ROUTES.contact)}>
          联系会员服务部
        </Button>
      </Card>
    );
  if (application && application.state !== 'withdrawn' && application.state !== 'approved')
    return (
      <Card title={`入会申请${APPLICATION_STATE_NAMES[application.state]}`} text={application.unitName}>
        <Button
          className="join-status__action"
          onClick={() => openPage(ROUTES.application, { id: application.id })}
        >
          查看进度
        </Button>
      </Card>
    );
  return <Apply />;
}

/**
 * Joining, on 首页 and 我的: 申请入会 for anyone who is not a member contact (signed in or not),
 * the progress of an open application, 重新申请 and 会员服务部 after a rejection, the unit after
 * approval. Staff are 会员服务部 themselves: nothing to apply for.
 */
export function JoinStatus() {
  const state = useSession();
  if (state.status === 'signedOut') return <Apply />;
  if (state.status !== 'signedIn' || state.me.roles.length) return null;
  return <SignedIn key={state.me.id} me={state.me} />;
}
