import { Button, Text, View } from '@tarojs/components';
import {
  LEVEL_DIRECTION_NAMES,
  LEVEL_REQUEST_STATE_NAMES,
  STANDING_NAMES,
  formatFen,
  type UnitStanding,
} from '@itss/shared';
import { useCallback } from 'react';
import { usePullToRefresh } from '@/components/kit/use-pull-to-refresh';
import { useRefreshOnShow } from '@/components/kit/use-refresh-on-show';
import { Card, Section } from '@/components/section';
import { RequestView } from '@/components/state';
import { ROUTES } from '@/routes';
import { useRequest } from '@/services/useRequest';
import { openPage } from '@/utils/actions';
import { levelName } from '@/utils/format';
import { getStanding } from '@/packages/standing/api';
import { upgradeAvailable, yearsText } from '@/packages/standing/format';
import './standing-block.scss';

function Line({ label, value, tone }: { label: string; value: string; tone?: string }) {
  return (
    <View className="standing-line">
      <Text className="standing-line__label">{label}</Text>
      <Text className={tone ? `standing-line__value standing-line__value--${tone}` : 'standing-line__value'}>
        {value}
      </Text>
    </View>
  );
}

function StandingCard({ standing }: { standing: UnitStanding }) {
  const { openRequest, scheduledLevel } = standing;
  const openUpgrade = () => openPage(ROUTES.upgrade, { unitId: standing.unitId });
  const canOpen = standing.canRequestLevelChange || openRequest !== null;
  // Only a step down open (the top level, the 会长单位 seat held): the page offers that.
  const label = openRequest
    ? '查看级别申请'
    : upgradeAvailable(standing) || !standing.canRequestLevelChange
      ? '申请升级'
      : '申请级别调整';
  return (
    <Card className="standing-card">
      <Line label="会员级别" value={levelName(standing.level)} />
      {scheduledLevel ? (
        <Line
          label="级别调整"
          tone="scheduled"
          value={`自 ${scheduledLevel.fromYear} 年度起调整为${levelName(scheduledLevel.level)}`}
        />
      ) : null}
      <Line label="会费状态" tone={standing.standing} value={STANDING_NAMES[standing.standing]} />
      {standing.unpaidYears.length ? (
        <>
          <Line label="欠缴年度" tone="arrears" value={yearsText(standing.unpaidYears)} />
          <Line label="欠缴金额" tone="arrears" value={formatFen(standing.outstandingFen)} />
        </>
      ) : null}
      <Line
        label={`${standing.currentYear} 年度会费`}
        tone={standing.currentYearPaid ? 'good' : undefined}
        value={standing.currentYearPaid ? '已缴清' : '未缴清'}
      />
      {openRequest ? (
        <Line
          label="级别申请"
          tone="open"
          value={`${LEVEL_DIRECTION_NAMES[openRequest.direction]}为${levelName(openRequest.toLevel)} · ${
            LEVEL_REQUEST_STATE_NAMES[openRequest.state]
          }`}
        />
      ) : null}
      {standing.removalProposed ? (
        <View className="standing-card__warning" role="alert">
          本单位已连续两个及以上年度未按时交纳会费。按分会规定，两个年度未按时交纳会费的将予以退会或除名处理，请尽快缴清。
        </View>
      ) : null}
      <View className="standing-card__actions">
        <Button
          className="standing-card__upgrade"
          disabled={!canOpen || undefined}
          onClick={canOpen ? openUpgrade : undefined}
        >
          {label}
        </Button>
        {standing.unpaidYears.length ? (
          <Button
            className="standing-card__pay"
            onClick={() => openPage(ROUTES.dues, { unitId: standing.unitId })}
          >
            缴纳欠费
          </Button>
        ) : null}
      </View>
      {!openRequest && standing.blockedReason ? (
        <Text className="standing-card__blocked">{standing.blockedReason}</Text>
      ) : null}
    </Card>
  );
}

/**
 * 我的单位's 会员资格: the level (and a downgrade approved for next year), whether the unit's dues are
 * in order, the open level request, and the way to 申请升级. Loaded on its own, again on pull-down
 * and when the page is shown again (back from the request page).
 */
export function StandingBlock({ unitId }: { unitId: number }) {
  const load = useCallback(() => getStanding(unitId), [unitId]);
  const { state, reload, refresh } = useRequest(load);
  usePullToRefresh(refresh);
  useRefreshOnShow(refresh);
  return (
    <Section
      title="会员资格"
      className="standing-block"
      more={{ text: '级别与申请记录', open: () => openPage(ROUTES.upgrade, { unitId }) }}
    >
      <RequestView state={state} onRetry={() => void reload()}>
        {(standing) => <StandingCard standing={standing} />}
      </RequestView>
    </Section>
  );
}
