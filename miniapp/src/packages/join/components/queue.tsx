import { Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  APPLICATION_STATE_NAMES,
  AWAITING_STAFF_FILTER,
  type ApplicationQueueFilter,
  type ApplicationSummary,
  type Campaign,
} from '@itss/shared';
import { Tabs, type Tab } from '@/components/kit/tabs';
import { exportSheet } from '@/services/download';
import { applicationsExportPath, type QueueFilters } from '@/packages/join/api';
import { formatBeijingTime } from '@/utils/format';
import { ApplicationStateBadge, ChecksumBadge } from '@/packages/staff/components/review';
import { levelName } from '@/utils/format';
import '@/packages/staff/components/queue.scss';
import { ROUTES, routeUrl } from '@/routes';

/**
 * Waiting for staff first (the default: new and resubmitted alike, what 工作台 counts), then the
 * applicant's turn, then the closed ones.
 */
export const QUEUE_TABS: readonly (ApplicationQueueFilter | null)[] = [
  AWAITING_STAFF_FILTER,
  'needs_info',
  'approved',
  'rejected',
  'withdrawn',
  null,
];
export const DEFAULT_FILTER: ApplicationQueueFilter = AWAITING_STAFF_FILTER;

/** The name of a queue filter: a state's own, or 待审核 for everything waiting for staff. */
export function queueFilterName(filter: ApplicationQueueFilter): string {
  return filter === AWAITING_STAFF_FILTER ? '待审核' : APPLICATION_STATE_NAMES[filter];
}

const QUEUE_TAB_ITEMS: Tab<ApplicationQueueFilter>[] = QUEUE_TABS.map((filter) => ({
  value: filter ?? undefined,
  name: filter ? queueFilterName(filter) : '全部',
}));

export function ApplicationRow({ item }: { item: ApplicationSummary }) {
  return (
    <View
      className="queue-row"
      onClick={() => void Taro.navigateTo({ url: routeUrl(ROUTES.review, { id: item.id }) })}
    >
      <View className="queue-row__head">
        <Text className="queue-row__unit">{item.unitName}</Text>
        <ApplicationStateBadge state={item.state} />
      </View>
      <View className="queue-row__tags">
        <Text className="queue-row__level">{levelName(item.level)}</Text>
        {item.creditCodeChecksumValid === false ? <ChecksumBadge /> : null}
      </View>
      <Text className="queue-row__meta">
        {item.contactName} · {item.contactMobileMasked}
      </Text>
      <Text className="queue-row__meta">
        {item.campaign ? `推广码：${item.campaign.name}` : '未通过推广码'} · 提交于{' '}
        {formatBeijingTime(item.submittedAt)}
      </Text>
    </View>
  );
}

interface FilterBarProps {
  filters: QueueFilters;
  campaigns: readonly Campaign[];
  onChange: (filters: QueueFilters) => void;
}

export function FilterBar({ filters, campaigns, onChange }: FilterBarProps) {
  const campaignNames = ['全部推广码', ...campaigns.map((campaign) => campaign.name)];
  const campaignIndex = filters.campaignId
    ? campaigns.findIndex((campaign) => campaign.id === filters.campaignId) + 1
    : 0;
  return (
    <View className="queue-filters">
      <Tabs
        block="queue-tabs"
        tabs={QUEUE_TAB_ITEMS}
        value={filters.state}
        onChange={(state) => onChange({ ...filters, state })}
      />
      <Picker
        mode="selector"
        range={campaignNames}
        value={Math.max(campaignIndex, 0)}
        onChange={(event) => {
          const index = Number(event.detail.value);
          onChange({ ...filters, campaignId: index > 0 ? campaigns[index - 1]?.id : undefined });
        }}
      >
        <View className="queue-campaign">
          <Text className="queue-campaign__label">推广码</Text>
          <Text className="queue-campaign__value">{campaignNames[Math.max(campaignIndex, 0)]}</Text>
          <View className="link-arrow queue-campaign__arrow" />
        </View>
      </Picker>
    </View>
  );
}

/** The applications under these filters as a spreadsheet. */
export function exportApplications(filters: QueueFilters): Promise<void> {
  return exportSheet(applicationsExportPath(filters), '入会申请');
}
