import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  EVENT_KINDS,
  EVENT_KIND_NAMES,
  EVENT_STATES,
  EVENT_STATE_NAMES,
  type EventKind,
  type EventSummary,
} from '@itss/shared';
import { useState, type ReactNode } from 'react';
import { DataTable, type DataColumn, type TableSort } from '@/components/kit/data-table';
import { KeysetListView, useFilters, useKeysetPage } from '@/components/kit/keyset-list';
import { SelectPicker } from '@/components/kit/pickers';
import { StaffListPage } from '@/components/kit/staff-list-page';
import { staffOnly } from '@/components/kit/staff-page';
import { tabsOf } from '@/components/kit/tabs';
import { ROUTES, routeUrl } from '@/routes';
import { beijingToday } from '@/utils/format';
import { StaffChips } from '@/packages/staff/components/units';
import { getStaffEvents, type StaffEventFilters } from '@/packages/events/api';
import {
  EVENT_LINKS,
  EVENT_PAGES,
  EventStateBadge,
  openEventPage,
  placeText,
  priceText,
  timeRange,
} from '@/packages/events/staff/components/parts';
import '@/packages/staff/components/queue.scss';
import './index.scss';

const DAY_MS = 24 * 3600 * 1000;
/** "含已结束" reaches a year back: enough for the statistics and certificates staff still look at. */
const PAST_DAYS = 365;

interface Filters extends StaffEventFilters {
  past?: boolean;
}

const queryOf = ({ past, ...filters }: Filters): StaffEventFilters =>
  past ? { ...filters, from: beijingToday(Date.now() - PAST_DAYS * DAY_MS) } : filters;

const PAST_TABS = [
  { value: undefined, name: '未结束' },
  { value: 'past' as const, name: '含已结束（近一年）' },
];

const KIND_OPTIONS: readonly (EventKind | 'any')[] = ['any', ...EVENT_KINDS];
const kindName = (kind: EventKind | 'any') => (kind === 'any' ? '全部类型' : EVENT_KIND_NAMES[kind]);

const openEditor = (item: EventSummary) => openEventPage(EVENT_PAGES.edit, item.id);
const createNew = () => void Taro.navigateTo({ url: routeUrl(ROUTES.eventEdit) });

function Links({ item }: { item: EventSummary }) {
  // Drafts have no registrations yet: only the editor makes sense.
  if (item.state === 'draft') return null;
  return (
    <View className="event-links">
      {EVENT_LINKS.map((link) => (
        <Button
          key={link.key}
          className={`event-links__button event-list__${link.key}`}
          size="mini"
          onClick={(event) => {
            event.stopPropagation();
            openEventPage(EVENT_PAGES[link.key], item.id);
          }}
        >
          {link.text}
        </Button>
      ))}
    </View>
  );
}

function EventRow({ item }: { item: EventSummary }) {
  return (
    <View className="queue-row event-row" onClick={() => openEditor(item)}>
      <View className="queue-row__head">
        <Text className="queue-row__unit">{item.title}</Text>
        <EventStateBadge state={item.state} />
      </View>
      <View className="queue-row__tags">
        <Text className="queue-row__level">{EVENT_KIND_NAMES[item.kind]}</Text>
        {item.membersFirst ? <Text className="event-row__first">会员优先</Text> : null}
      </View>
      <Text className="queue-row__meta">{timeRange(item.startsAt, item.endsAt)}</Text>
      <Text className="queue-row__meta">{placeText(item.place)}</Text>
      <Text className="queue-row__meta">
        {priceText(item.priceFromFen, item.priceToFen)} · 剩余名额 {item.seatsLeft}
      </Text>
      <Links item={item} />
    </View>
  );
}

const COLUMNS: DataColumn<EventSummary>[] = [
  {
    key: 'title',
    title: '活动',
    width: 3,
    sortValue: (item) => item.title,
    cell: (item) => (
      <>
        <Text className="event-table__title">{item.title}</Text>
        <Text className="data-table__sub">
          {EVENT_KIND_NAMES[item.kind]}
          {item.membersFirst ? ' · 会员优先' : ''}
        </Text>
      </>
    ),
  },
  {
    key: 'time',
    title: '时间',
    width: 2.2,
    sortValue: (item) => item.startsAt,
    cell: (item) => timeRange(item.startsAt, item.endsAt),
  },
  { key: 'state', title: '状态', width: 1, cell: (item) => <EventStateBadge state={item.state} /> },
  {
    key: 'seats',
    title: '剩余名额',
    width: 1,
    align: 'end',
    sortValue: (item) => item.seatsLeft,
    cell: (item) => String(item.seatsLeft),
  },
  {
    key: 'price',
    title: '价格',
    width: 1.4,
    align: 'end',
    sortValue: (item) => item.priceToFen,
    cell: (item) => priceText(item.priceFromFen, item.priceToFen),
  },
  { key: 'links', title: '', width: 2.4, cell: (item) => <Links item={item} /> },
];

const emptyText = (filters: Filters) =>
  filters.state || filters.kind ? '没有符合条件的活动' : '暂无活动，点击「新建活动」创建';

function EventCards({ filters }: { filters: Filters }) {
  const list = useKeysetPage(
    (cursor: string | null) => getStaffEvents(queryOf(filters), cursor),
    (page) => page.nextCursor,
    { refreshOnShow: true },
  );
  return (
    <KeysetListView list={list} block="queue" emptyText={emptyText(filters)}>
      {(item) => <EventRow key={item.id} item={item} />}
    </KeysetListView>
  );
}

function EventTable({
  filters,
  toolbar,
  sort,
  onSortChange,
}: {
  filters: Filters;
  toolbar: ReactNode;
  sort: TableSort | null;
  onSortChange: (sort: TableSort) => void;
}) {
  const list = useKeysetPage(
    (cursor: string | null) => getStaffEvents(queryOf(filters), cursor),
    (page) => page.nextCursor,
    { reachBottom: false, refreshOnShow: true },
  );
  return (
    <DataTable
      className="event-table"
      list={list}
      columns={COLUMNS}
      rowKey={(item) => item.id}
      onRowClick={openEditor}
      toolbar={toolbar}
      emptyText={emptyText(filters)}
      sort={sort}
      onSortChange={onSortChange}
    />
  );
}

function EventsStaffPage() {
  const { filters, patch, key } = useFilters<Filters>({});
  const [sort, setSort] = useState<TableSort | null>(null);
  const filterRow = (
    <View className="event-filters">
      <StaffChips
        className="event-filters__states"
        tabs={tabsOf(EVENT_STATES, EVENT_STATE_NAMES)}
        value={filters.state}
        onChange={(state) => patch({ state })}
      />
      <StaffChips
        className="event-filters__past"
        tabs={PAST_TABS}
        value={filters.past ? 'past' : undefined}
        onChange={(value) => patch({ past: value === 'past' || undefined })}
      />
      <SelectPicker
        className="event-filters__kind"
        options={KIND_OPTIONS}
        nameOf={kindName}
        value={filters.kind ?? 'any'}
        onChange={(kind) => patch({ kind: kind === 'any' ? undefined : kind })}
        block="staff-form"
        boxClassName="staff-form__picker event-filters__kind-box"
        placeholder="全部类型"
      />
    </View>
  );
  const actions = (
    <View className="event-bar">
      <Button className="event-bar__button event-bar__button--primary event-list__new" onClick={createNew}>
        新建活动
      </Button>
    </View>
  );
  return (
    <StaffListPage
      className="event-list"
      search={null}
      actions={actions}
      actionsFirst
      filters={filterRow}
      table={(toolbar) => (
        <EventTable key={key} filters={filters} toolbar={toolbar} sort={sort} onSortChange={setSort} />
      )}
      list={<EventCards key={key} filters={filters} />}
    />
  );
}

export default staffOnly(EventsStaffPage);
