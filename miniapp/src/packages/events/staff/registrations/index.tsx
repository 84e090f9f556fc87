import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import {
  REGISTRATION_STATE_NAMES,
  SEAT_HOLDING_STATES,
  STAFF_REGISTRATION_FILTERS,
  formatFen,
  type EventDetail,
  type Registration,
} from '@itss/shared';
import { useState, type ReactNode } from 'react';
import { BusyButton } from '@/components/kit/form';
import { DataTable, type DataColumn, type TableSort } from '@/components/kit/data-table';
import { KeysetListView, useFilters, useKeysetPage } from '@/components/kit/keyset-list';
import { useWideLayout } from '@/components/kit/layout';
import { staffOnly } from '@/components/kit/staff-page';
import { tabsOf } from '@/components/kit/tabs';
import { useConfirmedAction } from '@/components/kit/use-confirmed-action';
import { Card, Section } from '@/components/section';
import { RequestView } from '@/components/state';
import { COLORS } from '@/services/modal';
import { useRequest } from '@/services/useRequest';
import { formatBeijingTime } from '@/utils/format';
import { StaffChips } from '@/packages/staff/components/units';
import {
  cancelRegistration,
  exportEventRegistrations,
  getEventForStaff,
  getEventRegistrations,
  type StaffRegistrationFilter,
  type StaffRegistrationFilters,
} from '@/packages/events/api';
import { EventStateBadge, MissingEvent, eventIdOf } from '@/packages/events/staff/components/parts';
import '@/packages/staff/components/queue.scss';
import { WalkInForm } from './walk-in';
import './index.scss';

const FILTER_NAMES: Record<StaffRegistrationFilter, string> = {
  ...REGISTRATION_STATE_NAMES,
  checked_in: '已签到',
};
const STATE_TABS = tabsOf(STAFF_REGISTRATION_FILTERS, FILTER_NAMES);

/** A registration's state as staff read it: checked in first, then the stored state. */
function StateText({ item }: { item: Registration }) {
  if (item.checkedInAt)
    return <Text className="registration-state registration-state--checked_in">已签到</Text>;
  return (
    <Text className={`registration-state registration-state--${item.state}`}>
      {REGISTRATION_STATE_NAMES[item.state]}
      {item.state === 'waitlisted' && item.position ? ` 第 ${item.position} 位` : ''}
    </Text>
  );
}

const who = (item: Registration) => item.name ?? '（单位预订，待填写参会人）';

/** 取消报名 of a live registration, asked first; busy while any cancellation runs. */
interface CancelAction {
  busy: boolean;
  cancel: (item: Registration) => void;
}

function CancelButton({ item, action }: { item: Registration; action: CancelAction }) {
  if (item.state === 'cancelled') return null;
  return (
    <BusyButton
      className="registration-cancel"
      size="mini"
      busy={action.busy}
      onClick={(event) => {
        event.stopPropagation();
        action.cancel(item);
      }}
    >
      取消报名
    </BusyButton>
  );
}

/** What the cancellation does to the seat and the money, as staff confirm it. */
function cancelContent(item: Registration): string {
  const seat = SEAT_HOLDING_STATES.includes(item.state) ? '座位空出后先让给候补的第一位。' : '';
  const refund = item.paidFen > 0 ? `已支付的 ${formatFen(item.paidFen)}将全额原路退回。` : '';
  return `取消「${who(item)}」在「${item.sessionTitle}」的报名？${seat}${refund}`;
}

function RegistrationRow({ item, action }: { item: Registration; action: CancelAction }) {
  return (
    <View className="queue-row registration-row">
      <View className="queue-row__head">
        <Text className="queue-row__unit">{who(item)}</Text>
        <StateText item={item} />
      </View>
      <Text className="queue-row__meta">
        {[item.unitName, item.title, item.phoneMasked].filter(Boolean).join(' · ') || '—'}
      </Text>
      <Text className="queue-row__meta">
        {item.sessionTitle}
        {item.priceFen > 0 ? ` · ${formatFen(item.priceFen)}（已付 ${formatFen(item.paidFen)}）` : ' · 免费'}
      </Text>
      <Text className="queue-row__meta">
        报名于 {formatBeijingTime(item.createdAt)}
        {item.checkedInAt ? ` · 签到于 ${formatBeijingTime(item.checkedInAt)}` : ''}
      </Text>
      {item.state === 'cancelled' ? null : (
        <View className="registration-row__actions">
          <CancelButton item={item} action={action} />
        </View>
      )}
    </View>
  );
}

const columnsWith = (action: CancelAction): DataColumn<Registration>[] => [
  { key: 'name', title: '姓名', width: 1.4, sortValue: (item) => item.name, cell: who },
  {
    key: 'unit',
    title: '单位',
    width: 2.4,
    sortValue: (item) => item.unitName,
    cell: (item) => item.unitName ?? '—',
  },
  { key: 'title', title: '职务', width: 1.2, cell: (item) => item.title ?? '—' },
  { key: 'phone', title: '手机号', width: 1.4, cell: (item) => item.phoneMasked ?? '—' },
  {
    key: 'session',
    title: '场次',
    width: 1.4,
    sortValue: (item) => item.sessionTitle,
    cell: (item) => item.sessionTitle,
  },
  { key: 'state', title: '状态', width: 1.4, cell: (item) => <StateText item={item} /> },
  {
    key: 'checkedIn',
    title: '签到时间',
    width: 1.6,
    sortValue: (item) => item.checkedInAt,
    cell: (item) => (item.checkedInAt ? formatBeijingTime(item.checkedInAt) : '—'),
  },
  {
    key: 'paid',
    title: '金额',
    width: 1.2,
    align: 'end',
    sortValue: (item) => item.paidFen,
    cell: (item) => (item.priceFen > 0 ? formatFen(item.paidFen) : '免费'),
  },
  { key: 'actions', title: '操作', width: 1.3, cell: (item) => <CancelButton item={item} action={action} /> },
];

const emptyText = (filters: StaffRegistrationFilters) =>
  filters.state ? `暂无「${FILTER_NAMES[filters.state]}」的报名` : '暂无报名';

function RegistrationCards({
  eventId,
  filters,
  action,
}: {
  eventId: number;
  filters: StaffRegistrationFilters;
  action: CancelAction;
}) {
  const list = useKeysetPage(
    (cursor: string | null) => getEventRegistrations(eventId, filters, cursor),
    (page) => page.nextCursor,
  );
  return (
    <KeysetListView list={list} block="queue" emptyText={emptyText(filters)}>
      {(item) => <RegistrationRow key={item.id} item={item} action={action} />}
    </KeysetListView>
  );
}

function RegistrationTable({
  eventId,
  filters,
  action,
  toolbar,
  sort,
  onSortChange,
}: {
  eventId: number;
  filters: StaffRegistrationFilters;
  action: CancelAction;
  toolbar: ReactNode;
  sort: TableSort | null;
  onSortChange: (sort: TableSort) => void;
}) {
  const list = useKeysetPage(
    (cursor: string | null) => getEventRegistrations(eventId, filters, cursor),
    (page) => page.nextCursor,
    { reachBottom: false },
  );
  return (
    <DataTable
      className="registration-table"
      list={list}
      columns={columnsWith(action)}
      rowKey={(item) => item.id}
      toolbar={toolbar}
      emptyText={emptyText(filters)}
      sort={sort}
      onSortChange={onSortChange}
    />
  );
}

function Registrations({ event, onChanged }: { event: EventDetail; onChanged: () => Promise<unknown> }) {
  const wide = useWideLayout();
  const { params } = useRouter();
  const initialSession = Number(params.sessionId);
  const { filters, patch, key } = useFilters<StaffRegistrationFilters>(
    event.sessions.some((session) => session.id === initialSession) ? { sessionId: initialSession } : {},
  );
  const [sort, setSort] = useState<TableSort | null>(null);
  const [walkIn, setWalkIn] = useState(false);
  // A walk-in or a cancellation changes the lists: they are mounted anew.
  const [round, setRound] = useState(0);
  const reload = async () => {
    setRound((value) => value + 1);
    await onChanged();
  };
  const { busy, run } = useConfirmedAction(reload);
  const action: CancelAction = {
    busy,
    cancel: (item) =>
      void run(
        {
          title: '取消报名',
          content: cancelContent(item),
          confirmText: '取消报名',
          cancelText: '不取消',
          confirmColor: COLORS.danger,
        },
        () => cancelRegistration(item.id),
        '已取消报名',
      ),
  };
  const sessionTabs = [
    { value: undefined, name: '全部场次' },
    ...event.sessions.map((session) => ({
      value: String(session.id),
      name: `${session.title}（${session.taken}/${session.capacity}）`,
    })),
  ];
  const canWalkIn = event.state === 'published' || event.state === 'closed';

  const head = (
    <View className="registrations-head">
      <View className="registrations-head__title">
        <Text className="registrations-head__name">{event.title}</Text>
        <EventStateBadge state={event.state} />
      </View>
    </View>
  );
  const chips = (
    <View className="registrations-filters">
      {event.sessions.length > 1 ? (
        <StaffChips
          className="registrations-filters__sessions"
          tabs={sessionTabs}
          value={filters.sessionId === undefined ? undefined : String(filters.sessionId)}
          onChange={(value) => patch({ sessionId: value === undefined ? undefined : Number(value) })}
        />
      ) : null}
      <StaffChips
        className="registrations-filters__states"
        tabs={STATE_TABS}
        value={filters.state}
        onChange={(state) => patch({ state })}
      />
    </View>
  );
  const actions = (
    <View className="event-bar">
      <Button
        className="event-bar__button registrations__export"
        onClick={() => void exportEventRegistrations(event.id, filters, `报名名单-${event.title}`)}
      >
        导出 Excel
      </Button>
      {canWalkIn ? (
        <Button
          className="event-bar__button event-bar__button--primary registrations__walk-in"
          onClick={() => setWalkIn(!walkIn)}
        >
          {walkIn ? '收起现场报名' : '现场报名'}
        </Button>
      ) : null}
    </View>
  );
  const walkInForm = walkIn ? (
    <Section title="现场报名">
      <Card>
        <WalkInForm eventId={event.id} sessions={event.sessions} onDone={reload} />
      </Card>
    </Section>
  ) : null;
  const listKey = `${key}|${round}`;

  if (wide)
    return (
      <View className="page staff-page staff-page--wide event-registrations">
        {head}
        {walkInForm}
        <RegistrationTable
          key={listKey}
          eventId={event.id}
          filters={filters}
          action={action}
          sort={sort}
          onSortChange={setSort}
          toolbar={
            <>
              <View className="data-table__toolbar-row">{actions}</View>
              <View className="data-table__toolbar-row">{chips}</View>
            </>
          }
        />
      </View>
    );
  return (
    <View className="page staff-page event-registrations">
      {head}
      {chips}
      {actions}
      {walkInForm}
      <RegistrationCards key={listKey} eventId={event.id} filters={filters} action={action} />
    </View>
  );
}

function Loader({ id }: { id: number }) {
  const { state, reload, refresh } = useRequest(() => getEventForStaff(id));
  return (
    <RequestView state={state} onRetry={() => void reload()}>
      {(event) => <Registrations event={event} onChanged={refresh} />}
    </RequestView>
  );
}

function EventRegistrationsPage() {
  const id = eventIdOf(useRouter().params);
  return id === null ? <MissingEvent /> : <Loader id={id} />;
}

export default staffOnly(EventRegistrationsPage);
