import { Button, Text, View } from '@tarojs/components';
import Taro, { useShareAppMessage } from '@tarojs/taro';
import {
  BILL_KIND_NAMES,
  BILL_STATUS_NAMES,
  formatFen,
  UNIT_STATUS_NAMES,
  UNIT_TYPE_NAMES,
  type Bill,
  type Invite,
  type JoinRequest,
  type Me,
  type Unit,
} from '@itss/shared';

type Contact = Unit['contacts'][number];
import { useCallback, useRef, useState } from 'react';
import { useIdParam } from '@/components/kit/record-page';
import { SignedInPage } from '@/components/kit/signed-in-page';
import { usePageData } from '@/components/kit/page-data';
import { BusyButton } from '@/components/kit/form';
import { StatusBadge } from '@/components/kit/badges';
import { Card, Section } from '@/components/section';
import { EmptyState, RequestView } from '@/components/state';
import { toApiError } from '@/services/http';
import { session } from '@/services/session';
import { useSubscribeMessages } from '@/services/subscribe';
import { CertificateCard } from '@/packages/certificates/components/certificate-card';
import {
  createInvite,
  decideJoinRequest,
  getBills,
  getJoinRequests,
  getUnit,
  handOverPrimary,
  removeContact,
} from '@/packages/unit/api';
import { StandingBlock } from '@/packages/standing/components/standing-block';
import { openPage, openTab } from '@/utils/actions';
import { levelName } from '@/utils/format';
import { ContactRow, InviteCard, RequestRow, Row, confirmed } from './rows';
import './index.scss';
import { ROUTES, routeUrl } from '@/routes';
import { showModal } from '@/services/modal';

interface UnitData {
  unit: Unit;
  bills: Bill[];
  /** Pending requests to join; only the primary contact is shown them. */
  requests: JoinRequest[];
}

interface ContentProps extends UnitData {
  me: Me;
  invite: Invite | null;
  onInvite: () => void;
  inviting: boolean;
  /** Reloads the unit after a change. */
  onChanged: () => void;
}

function UnitContent({ unit, bills, requests, me, invite, onInvite, inviting, onChanged }: ContentProps) {
  const primary = unit.isPrimaryContact;
  const others = unit.contacts.filter((contact) => !contact.isPrimary);
  const active = unit.status === 'active';
  // The bills are paid and receipted on 会费; here they are only listed.
  const openDues = () => openPage(ROUTES.dues, { unitId: unit.id });

  const remove = async (contact: Contact) => {
    const done = await confirmed(
      '移除联系人',
      `确定将「${contact.name}」移出本单位吗？移除后 TA 将不能再使用会员单位的功能。`,
      '移除',
      () => removeContact(unit.id, contact.userId),
    );
    if (done) onChanged();
  };

  const handOver = async () => {
    let tapIndex: number;
    try {
      ({ tapIndex } = await Taro.showActionSheet({ itemList: others.map((contact) => contact.name) }));
    } catch {
      return; // The person closed the sheet.
    }
    const next = others[tapIndex];
    if (!next) return;
    const done = await confirmed(
      '移交主联系人',
      `确定将主联系人移交给「${next.name}」吗？移交后您将成为普通联系人，不能再邀请或审批。`,
      '移交',
      () => handOverPrimary(unit.id, next.userId),
    );
    if (done) {
      await session.refresh().catch(() => undefined);
      onChanged();
    }
  };

  const leave = async () => {
    const done = await confirmed(
      '退出单位',
      `确定退出「${unit.name}」吗？退出后将不能再使用会员单位的功能，如需重新加入请向主联系人索取邀请。`,
      '退出',
      () => removeContact(unit.id, me.id),
    );
    if (done) {
      await session.refresh().catch(() => undefined);
      openTab(ROUTES.me);
    }
  };

  const decide = async (request: JoinRequest, approve: boolean) => {
    const done = await confirmed(
      approve ? '同意加入' : '拒绝申请',
      approve ? `同意「${request.name}」成为本单位联系人吗？` : `拒绝「${request.name}」的加入申请吗？`,
      approve ? '同意' : '拒绝',
      () => decideJoinRequest(unit.id, request.id, { decision: approve ? 'approve' : 'decline' }),
    );
    if (done) onChanged();
  };

  return (
    <View>
      <View className="unit-banner">
        <Text className="unit-banner__title">{unit.name}</Text>
        <View className="unit-banner__desc">
          <Text>{levelName(unit.level)}</Text>
          <StatusBadge block="member-status" state={unit.status} names={UNIT_STATUS_NAMES} />
        </View>
      </View>
      {active ? null : (
        <View className="member-notice" role="alert">
          本单位会员资格{UNIT_STATUS_NAMES[unit.status]}
          ，暂不能邀请联系人或加入会员微信群，请联系分会工作人员。
        </View>
      )}
      {/* Level, dues standing and level requests (packages/standing). */}
      <StandingBlock unitId={unit.id} />
      <Section title="联系人" hint={`名额 ${unit.seats.used}/${unit.seats.limit}`}>
        <Card className="member-contacts">
          {unit.contacts.map((contact) => (
            <ContactRow
              key={contact.userId}
              contact={contact}
              canRemove={primary && !contact.isPrimary}
              onRemove={() => void remove(contact)}
            />
          ))}
        </Card>
        {primary ? (
          <View className="member-actions">
            {active ? (
              <BusyButton
                className="member-actions__primary"
                busy={inviting}
                disabled={unit.seats.used >= unit.seats.limit}
                onClick={onInvite}
              >
                邀请同事
              </BusyButton>
            ) : null}
            {others.length ? (
              <Button className="member-actions__secondary" onClick={() => void handOver()}>
                移交主联系人
              </Button>
            ) : null}
          </View>
        ) : (
          <View className="member-actions">
            <Button className="member-actions__danger" onClick={() => void leave()}>
              退出单位
            </Button>
          </View>
        )}
        {primary && active && unit.seats.used >= unit.seats.limit ? (
          <Text className="member-seats-full">
            联系人名额已满，请先移除不再需要的联系人，或联系分会工作人员调整名额
          </Text>
        ) : null}
        {invite ? <InviteCard invite={invite} /> : null}
      </Section>
      {primary ? (
        <Section title="加入申请">
          {requests.length ? (
            <Card className="member-requests">
              {requests.map((request) => (
                <RequestRow
                  key={request.id}
                  request={request}
                  onDecide={(approve) => void decide(request, approve)}
                />
              ))}
            </Card>
          ) : (
            <Text className="member-requests__none">暂无待处理的加入申请</Text>
          )}
        </Section>
      ) : null}
      <Section title="单位信息">
        <Card>
          <Row label="会员级别" value={levelName(unit.level)} />
          <Row label="会员状态" value={UNIT_STATUS_NAMES[unit.status]} />
          <Row label="入会日期" value={unit.joinedOn} />
          <Row label="单位类型" value={UNIT_TYPE_NAMES[unit.unitType]} />
          <Row label="所在地区" value={`${unit.province} ${unit.city}`} />
          <Row label="统一社会信用代码" value={unit.creditCode} />
          <Row
            label="主联系人"
            value={
              unit.primaryContact
                ? `${unit.primaryContact.displayName} ${unit.primaryContact.phoneMasked ?? ''}`.trim()
                : '未指定'
            }
          />
        </Card>
      </Section>
      <CertificateCard unit={unit} bills={bills} />
      <Section title="会费账单" more={{ text: '缴费与票据', open: openDues }}>
        {bills.length ? (
          <Card className="unit-bills">
            {bills.map((bill) => (
              <View key={bill.id} className="unit-bill" onClick={openDues}>
                <View className="unit-bill__main">
                  <Text className="unit-bill__year">
                    {bill.year} 年度{bill.kind === 'upgrade' ? BILL_KIND_NAMES.upgrade : '会费'}
                  </Text>
                  <Text className="unit-bill__level">{levelName(bill.level)}</Text>
                </View>
                <View className="unit-bill__side">
                  <Text className="unit-bill__amount">{formatFen(bill.amountFen)}</Text>
                  <StatusBadge block="unit-bill__status" state={bill.status} names={BILL_STATUS_NAMES} />
                </View>
              </View>
            ))}
          </Card>
        ) : (
          <EmptyState text="暂无会费账单" />
        )}
      </Section>
    </View>
  );
}

async function loadUnit(id: number): Promise<UnitData> {
  const unit = await getUnit(id);
  const [bills, requests] = await Promise.all([
    getBills(id),
    unit.isPrimaryContact ? getJoinRequests(id, 'pending') : Promise.resolve({ items: [] }),
  ]);
  return { unit, bills: bills.items, requests: requests.items };
}

/** What the primary contact is told of colleagues: one who joined through an invite, one asking to. */
// The branch's notices go to every contact: asked here too, at most three templates at once.
const COLLEAGUE_PURPOSES = ['colleague_joined', 'join_request_received', 'notice'] as const;

function UnitDetail({ id, me }: { id: number; me: Me }) {
  const load = useCallback(() => loadUnit(id), [id]);
  const { state, reload, refresh } = usePageData(load);
  const [invite, setInvite] = useState<Invite | null>(null);
  const [inviting, setInviting] = useState(false);
  const inviteRef = useRef<{ invite: Invite; inviter: string; unitName: string } | null>(null);

  // The share card carries the invite just created; any other share opens the home page.
  useShareAppMessage((event) => {
    const current = inviteRef.current;
    if (event.from === 'button' && current)
      return {
        title: `${current.inviter} 邀请您加入 ${current.unitName}`,
        path: `/${current.invite.path.replace(/^\//, '')}`,
      };
    return { title: 'ITSS 分会会员服务', path: routeUrl(ROUTES.home) };
  });

  const notifications = useSubscribeMessages(COLLEAGUE_PURPOSES);
  const onInvite = async (unit: Unit) => {
    // First in the tap: WeChat shows the permission dialog only within it. The news of the colleague
    // is sent in WeChat where allowed, and always reaches 消息.
    void notifications.ask();
    setInviting(true);
    try {
      const created = await createInvite(unit.id);
      const inviter = unit.contacts.find((contact) => contact.userId === me.id)?.name ?? me.displayName;
      inviteRef.current = { invite: created, inviter, unitName: unit.name };
      setInvite(created);
    } catch (error) {
      await showModal({ title: '邀请未生成', content: toApiError(error).message, showCancel: false });
    } finally {
      setInviting(false);
    }
  };

  return (
    <RequestView state={state} onRetry={() => void reload()}>
      {(data) => (
        <UnitContent
          {...data}
          me={me}
          invite={invite}
          inviting={inviting}
          onInvite={() => void onInvite(data.unit)}
          onChanged={() => void refresh()}
        />
      )}
    </RequestView>
  );
}

export default function UnitPage() {
  const id = useIdParam();
  return (
    <SignedInPage className="page unit" loginText="登录后查看您的会员单位">
      {(me) => (id === null ? <EmptyState text="没有找到该会员单位" /> : <UnitDetail id={id} me={me} />)}
    </SignedInPage>
  );
}
