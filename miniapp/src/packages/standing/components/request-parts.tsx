import { Text, View } from '@tarojs/components';
import { LEVEL_DIRECTION_NAMES, LEVEL_REQUEST_STATE_NAMES, type LevelRequest } from '@itss/shared';
import { StatusBadge } from '@/components/kit/badges';
import { formatBeijingTime, levelName } from '@/utils/format';
import './request-parts.scss';

/** "升级：会员单位 → 委员单位". */
export function changeText(request: Pick<LevelRequest, 'direction' | 'fromLevel' | 'toLevel'>): string {
  return `${LEVEL_DIRECTION_NAMES[request.direction]}：${levelName(request.fromLevel)} → ${levelName(request.toLevel)}`;
}

/** When an approved request counts: an upgrade at once, a downgrade from next year. */
export function effectText(request: Pick<LevelRequest, 'direction' | 'effectiveYear'>): string {
  return request.direction === 'upgrade'
    ? `已于 ${request.effectiveYear} 年度生效`
    : `自 ${request.effectiveYear} 年度起生效`;
}

export function LevelRequestBadge({ request }: { request: Pick<LevelRequest, 'state'> }) {
  return <StatusBadge block="level-request-state" state={request.state} names={LEVEL_REQUEST_STATE_NAMES} />;
}

/** A request as both sides read it: the change, its state, the unit's reason and staff's decision. */
export function LevelRequestSummary({ request }: { request: LevelRequest }) {
  const decided = request.state === 'approved' || request.state === 'rejected';
  return (
    <View className="level-request">
      <View className="level-request__head">
        <Text className="level-request__change">{changeText(request)}</Text>
        <LevelRequestBadge request={request} />
      </View>
      <Text className="level-request__meta">
        {[`申请于 ${formatBeijingTime(request.createdAt)}`, request.requestedByName]
          .filter(Boolean)
          .join(' · ')}
      </Text>
      <Text className="level-request__reason">申请理由：{request.reason}</Text>
      {request.state === 'withdrawn' && request.decidedAt ? (
        <Text className="level-request__meta">撤回于 {formatBeijingTime(request.decidedAt)}</Text>
      ) : null}
      {decided ? (
        <View className={`level-request__decision level-request__decision--${request.state}`}>
          <Text className="level-request__decision-head">
            {[
              request.decidedAt
                ? `${LEVEL_REQUEST_STATE_NAMES[request.state]}（${formatBeijingTime(request.decidedAt)}）`
                : LEVEL_REQUEST_STATE_NAMES[request.state],
              request.decidedByName,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          {request.state === 'approved' ? (
            <Text className="level-request__decision-text">{effectText(request)}</Text>
          ) : null}
          {request.decisionReason ? (
            <Text className="level-request__decision-text">审核意见：{request.decisionReason}</Text>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
