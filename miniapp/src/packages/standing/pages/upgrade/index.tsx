import { Button, ScrollView, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import {
  ErrorCode,
  formatFen,
  previousLevel,
  upgradeDifferenceFen,
  type Level,
  type LevelRequest,
  type LevelsResponse,
  type Me,
  type UnitStanding,
} from '@itss/shared';
import { useCallback, useState } from 'react';
import { usePageData } from '@/components/kit/page-data';
import { SignedInPage } from '@/components/kit/signed-in-page';
import { useConfirmedAction } from '@/components/kit/use-confirmed-action';
import { useRefreshOnShow } from '@/components/kit/use-refresh-on-show';
import { LevelCard } from '@/components/level-card';
import { Card, Section } from '@/components/section';
import { EmptyState, ErrorState, Loading } from '@/components/state';
import { ROUTES } from '@/routes';
import { toApiError } from '@/services/http';
import { COLORS } from '@/services/modal';
import { openDirectory, openPage } from '@/utils/actions';
import { beijingToday, formatAnnualFee, levelName } from '@/utils/format';
import { getLevels } from '@/packages/membership/api';
import { getStanding, getUnitLevelRequests, withdrawLevelRequest } from '@/packages/standing/api';
import { standingText, upgradeAvailable } from '@/packages/standing/format';
import { LevelRequestSummary } from '@/packages/standing/components/request-parts';
import { RequestForm } from './request-form';
import './index.scss';

interface UpgradeData {
  standing: UnitStanding;
  requests: LevelRequest[];
  levels: LevelsResponse;
}

/** The unit's standing, its requests and the levels; null when the server hides the unit (404). */
async function loadUpgrade(unitId: number): Promise<UpgradeData | null> {
  const [standing, requests, levels] = await Promise.all([
    getStanding(unitId).catch((error: unknown) => {
      if (toApiError(error).code === ErrorCode.NotFound) return null;
      throw error;
    }),
    getUnitLevelRequests(unitId).catch((error: unknown) => {
      if (toApiError(error).code === ErrorCode.NotFound) return null;
      throw error;
    }),
    getLevels(),
  ]);
  return standing && requests ? { standing, requests: requests.items, levels } : null;
}

/** Not a contact of the unit (or of none): why, and the way in. */
function NotContact() {
  return (
    <View className="upgrade-refused" role="alert">
      <Text className="upgrade-refused__title">会员级别申请仅限会员单位联系人</Text>
      <Text className="upgrade-refused__text">
        会员单位的主联系人可在这里申请逐级升级或降级。如您的单位已是会员，请在「会员名录」中找到单位申请加入，或请主联系人邀请您。
      </Text>
      <Button className="upgrade-refused__button" onClick={openDirectory}>
        会员名录
      </Button>
    </View>
  );
}

/** The month of the year in Beijing (1–12): an upgrade's difference counts the months left. */
function beijingMonth(): number {
  return Number(beijingToday().slice(5, 7));
}

/** The current level beside the next one: the comparison of 会员权益, and what the upgrade costs. */
function UpgradeOffer({
  current,
  next,
  tiers,
}: {
  current: Level;
  next: Level;
  tiers: LevelsResponse['tiers'];
}) {
  const added = next.rights.length - current.rights.length;
  const month = beijingMonth();
  const difference = upgradeDifferenceFen(current.annualFeeYuan * 100, next.annualFeeYuan * 100, month);
  return (
    <>
      <Card className="upgrade-offer">
        <View className="upgrade-fact">
          <Text className="upgrade-fact__label">申请级别</Text>
          <Text className="upgrade-fact__value upgrade-fact__value--strong">{next.name}</Text>
        </View>
        <View className="upgrade-fact">
          <Text className="upgrade-fact__label">年费</Text>
          <Text className="upgrade-fact__value">
            {formatAnnualFee(next.annualFeeYuan)}（现为 {formatAnnualFee(current.annualFeeYuan)}）
          </Text>
        </View>
        <View className="upgrade-fact">
          <Text className="upgrade-fact__label">新增权益</Text>
          <Text className="upgrade-fact__value">{added > 0 ? `${added} 项，见下方对比` : '见下方对比'}</Text>
        </View>
        <Text className="upgrade-offer__note">
          升级经审核批准后立即生效。本年度的差额按「年费差额 × 本年剩余月数（含批准当月）÷ 12」另开一张账单，
          {month} 月获批约为 {formatFen(difference)}；下一年度起按{next.name}年费缴纳。
        </Text>
      </Card>
      <ScrollView scrollX className="upgrade-levels" enhanced showScrollbar={false}>
        <View className="upgrade-levels__row">
          <LevelCard level={next} tiers={tiers} />
          <LevelCard level={current} tiers={tiers} next={next} />
        </View>
      </ScrollView>
    </>
  );
}

function UpgradeContent({
  me,
  unitId,
  data,
  reload,
}: {
  me: Me;
  unitId: number;
  data: UpgradeData;
  reload: () => Promise<unknown>;
}) {
  const { standing, requests, levels } = data;
  const [downgrading, setDowngrading] = useState(false);
  const withdraw = useConfirmedAction(reload);
  const levelOf = (code: string | null) => levels.items.find((level) => level.code === code);
  const current = levelOf(standing.level);
  const next = levelOf(standing.nextLevel);
  const lower = levelOf(previousLevel(standing.level));
  const primary = me.unit?.id === unitId && me.unit.isPrimaryContact;
  const open = standing.openRequest;
  const nextYear = standing.currentYear + 1;

  return (
    <View className="upgrade-content">
      <View className="upgrade-banner">
        <Text className="upgrade-banner__title">{me.unit?.id === unitId ? me.unit.name : '会员级别'}</Text>
        <Text className="upgrade-banner__desc">
          当前级别：{levelName(standing.level)} · {standingText(standing)}
        </Text>
        {standing.scheduledLevel ? (
          <Text className="upgrade-banner__desc">
            自 {standing.scheduledLevel.fromYear} 年度起调整为{levelName(standing.scheduledLevel.level)}
          </Text>
        ) : null}
      </View>

      {open ? (
        <Section title="待审核的申请">
          <Card className="upgrade-open">
            <LevelRequestSummary request={open} />
            {primary ? (
              <Button
                className="upgrade-open__withdraw"
                disabled={withdraw.busy || undefined}
                onClick={() =>
                  void withdraw.run(
                    {
                      title: '撤回申请',
                      content: `确定撤回${levelName(open.toLevel)}的申请吗？撤回后可重新提交。`,
                      confirmText: '撤回',
                      confirmColor: COLORS.danger,
                    },
                    () => withdrawLevelRequest(open.id),
                    '已撤回',
                  )
                }
              >
                撤回申请
              </Button>
            ) : (
              <Text className="upgrade-tip">如需撤回，请联系本单位主联系人。</Text>
            )}
          </Card>
        </Section>
      ) : null}

      {!open && !upgradeAvailable(standing) ? (
        <Section title="申请升级">
          <Card className="upgrade-blocked">
            <View className="upgrade-blocked__text" role="alert">
              {standing.blockedReason ?? '暂不能申请级别变更'}
            </View>
            {standing.unpaidYears.length ? (
              <Button className="upgrade-blocked__pay" onClick={() => openPage(ROUTES.dues, { unitId })}>
                缴纳欠费
              </Button>
            ) : null}
          </Card>
          {next && current ? <UpgradeOffer current={current} next={next} tiers={levels.tiers} /> : null}
        </Section>
      ) : null}

      {!open && upgradeAvailable(standing) && next && current ? (
        <Section title={`申请升级为${next.name}`} hint="会员级别逐级升级">
          <UpgradeOffer current={current} next={next} tiers={levels.tiers} />
          <Card className="upgrade-apply">
            <RequestForm
              unitId={unitId}
              direction="upgrade"
              target={next}
              nextYear={nextYear}
              onSent={reload}
            />
          </Card>
        </Section>
      ) : null}

      {!open && standing.canRequestLevelChange && lower ? (
        <Section title="申请降级">
          <Card className="upgrade-downgrade">
            <Text className="upgrade-downgrade__note">
              可申请降为{lower.name}（{formatAnnualFee(lower.annualFeeYuan)}）。降级经审核批准后自 {nextYear}{' '}
              年度起生效：本年度的级别、权益和会费不变，{nextYear} 年度账单按{lower.name}的年费生成。
            </Text>
            {downgrading ? (
              <RequestForm
                unitId={unitId}
                direction="downgrade"
                target={lower}
                nextYear={nextYear}
                onSent={reload}
              />
            ) : (
              <Button className="upgrade-downgrade__open" onClick={() => setDowngrading(true)}>
                申请降级为{lower.name}
              </Button>
            )}
          </Card>
        </Section>
      ) : null}

      <Section title="申请记录" hint={requests.length ? `共 ${requests.length} 份` : undefined}>
        {requests.length ? (
          <Card className="upgrade-history">
            {requests.map((request) => (
              <View key={request.id} className="upgrade-history__row">
                <LevelRequestSummary request={request} />
              </View>
            ))}
          </Card>
        ) : (
          <EmptyState text="暂无级别变更申请" />
        )}
      </Section>
    </View>
  );
}

function UnitUpgrade({ me, unitId }: { me: Me; unitId: number }) {
  const load = useCallback(() => loadUpgrade(unitId), [unitId]);
  const { state, reload, refresh } = usePageData(load);
  useRefreshOnShow(refresh);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error')
    return <ErrorState message={state.error.message} onRetry={() => void reload()} />;
  if (!state.data) return <NotContact />;
  return <UpgradeContent me={me} unitId={unitId} data={state.data} reload={refresh} />;
}

/** `?unitId=` as the decision's message hands it over; else the person's own unit. */
function Upgrade({ me }: { me: Me }) {
  const { params } = useRouter();
  const asked = Number(params.unitId);
  const unitId = Number.isSafeInteger(asked) && asked > 0 ? asked : (me.unit?.id ?? null);
  if (unitId === null) return <NotContact />;
  return <UnitUpgrade me={me} unitId={unitId} />;
}

export default function UpgradePage() {
  return (
    <SignedInPage className="page upgrade" loginText="登录后查看本单位的会员级别与申请" content={Upgrade} />
  );
}
