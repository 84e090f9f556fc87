import { Text, View } from '@tarojs/components';
import {
  LEVEL_REQUEST_STATES,
  LEVEL_REQUEST_STATE_NAMES,
  type LevelRequest,
  type LevelRequestState,
  type PresidentSeat,
} from '@itss/shared';
import { KeysetListView, useFilters, useKeysetPage } from '@/components/kit/keyset-list';
import { staffOnly } from '@/components/kit/staff-page';
import { tabsOf } from '@/components/kit/tabs';
import { Card } from '@/components/section';
import { useRequest, type UseRequestResult } from '@/services/useRequest';
import { StaffChips } from '@/packages/staff/components/units';
import { getLevelRequests, getPresidentSeat } from '@/packages/standing/api';
import { LevelRequestSummary } from '@/packages/standing/components/request-parts';
import { useRefreshOnReturn } from '@/packages/standing/staff/components/refresh';
import { DecisionPanel } from './decision-panel';
import '@/packages/staff/components/queue.scss';
import './index.scss';

/** Who holds the 会长单位 seat: staff decide a president request knowing it. */
function PresidentSeatCard({ seat }: { seat: UseRequestResult<PresidentSeat> }) {
  const { state } = seat;
  if (state.status === 'loading')
    return (
      <Card className="president-seat">
        <Text className="staff-tip">正在读取会长单位…</Text>
      </Card>
    );
  if (state.status === 'error')
    return (
      <Card className="president-seat">
        <View className="president-seat__error" role="alert" onClick={() => void seat.reload()}>
          {state.error.message}（点击重试）
        </View>
      </Card>
    );
  const { holder, openRequests } = state.data;
  return (
    <Card className="president-seat">
      <View className="president-seat__row">
        <Text className="president-seat__label">会长单位</Text>
        <Text
          className={
            holder ? 'president-seat__holder' : 'president-seat__holder president-seat__holder--empty'
          }
        >
          {holder ? holder.unitName : '暂无（空缺）'}
        </Text>
      </View>
      <Text className="president-seat__meta">
        会长单位只设一家
        {openRequests ? `；${openRequests} 份会长单位申请待审核，批准其中一份将自动不批准其余申请` : ''}
      </Text>
    </Card>
  );
}

function RequestCard({
  request,
  seat,
  onDecided,
}: {
  request: LevelRequest;
  seat: PresidentSeat | null;
  onDecided: () => Promise<unknown>;
}) {
  return (
    <View className="queue-row level-row">
      <View className="queue-row__head">
        <Text className="queue-row__unit">{request.unitName}</Text>
      </View>
      <View className="level-row__body">
        <LevelRequestSummary request={request} />
      </View>
      {request.state === 'open' ? (
        <DecisionPanel request={request} seat={seat} onDecided={onDecided} />
      ) : null}
    </View>
  );
}

/** One state's requests; a new state mounts a new list, so paging starts over. */
function Requests({
  state,
  seat,
}: {
  state: LevelRequestState | undefined;
  seat: UseRequestResult<PresidentSeat>;
}) {
  const list = useKeysetPage(
    (cursor: string | null) => getLevelRequests(state, cursor),
    (page) => page.nextCursor,
  );
  useRefreshOnReturn(list.refresh);
  const seatNow = seat.state.status === 'success' ? seat.state.data : null;
  const decided = async () => {
    await Promise.all([list.refresh(), seat.refresh()]);
  };
  return (
    <KeysetListView
      list={list}
      block="level-queue"
      emptyText={state === 'open' ? '暂无待审核的级别申请' : '暂无级别申请'}
    >
      {(request) => <RequestCard key={request.id} request={request} seat={seatNow} onDecided={decided} />}
    </KeysetListView>
  );
}

function LevelRequestsPage() {
  const { filters, patch, key } = useFilters<{ state?: LevelRequestState }>({ state: 'open' });
  const seat = useRequest(getPresidentSeat);
  useRefreshOnReturn(seat.refresh);
  return (
    <View className="page staff-page staff-page--wide level-requests">
      <PresidentSeatCard seat={seat} />
      <Text className="staff-tip level-requests__tip">
        会员级别逐级调整：升级批准后立即生效，并按本年剩余月份生成差额账单；降级批准后自下一年度起生效。
      </Text>
      <StaffChips
        className="level-requests__filter"
        tabs={tabsOf(LEVEL_REQUEST_STATES, LEVEL_REQUEST_STATE_NAMES, '全部')}
        value={filters.state}
        onChange={(state) => patch({ state })}
      />
      <Requests key={key} state={filters.state} seat={seat} />
    </View>
  );
}

export default staffOnly(LevelRequestsPage);
