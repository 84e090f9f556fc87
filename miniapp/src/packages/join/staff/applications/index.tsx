import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { getApplications, getCampaigns, type QueueFilters } from '@/packages/join/api';
import { KeysetListView, useKeysetPage } from '@/components/kit/keyset-list';
import { useRequest } from '@/services/useRequest';
import {
  ApplicationRow,
  DEFAULT_FILTER,
  FilterBar,
  exportApplications,
  queueFilterName,
} from '@/packages/join/components/queue';
import '@/packages/staff/components/review.scss';
import { staffOnly } from '@/components/kit/staff-page';
import type { TableSort } from '@/components/kit/data-table';
import { useWideLayout } from '@/components/kit/layout';
import { ApplicationsTable } from './table';

/** One filter's queue; a new filter mounts a new one, so paging always starts over. */
function Queue({ filters }: { filters: QueueFilters }) {
  // Back from an application that was just decided: its row has moved on.
  const list = useKeysetPage(
    (cursor: string | null) => getApplications(filters, cursor),
    (page) => page.nextCursor,
    { refreshOnShow: true },
  );
  return (
    <KeysetListView
      list={list}
      block="queue"
      emptyText={filters.state ? `暂无${queueFilterName(filters.state)}的申请` : '暂无入会申请'}
    >
      {(item) => <ApplicationRow key={item.id} item={item} />}
    </KeysetListView>
  );
}

function ApplicationsPage() {
  const wide = useWideLayout();
  const [filters, setFilters] = useState<QueueFilters>({ state: DEFAULT_FILTER });
  // Kept by the page: a new filter mounts a new table, and the sort stays as it was.
  const [sort, setSort] = useState<TableSort | null>(null);
  const campaigns = useRequest(getCampaigns);
  const campaignItems = campaigns.state.status === 'success' ? campaigns.state.data.items : [];
  const key = `${filters.state ?? 'all'}-${filters.campaignId ?? 'all'}`;
  const filterBar = <FilterBar filters={filters} campaigns={campaignItems} onChange={setFilters} />;
  const exportButton = (
    <Button className="queue-actions__export" size="mini" onClick={() => void exportApplications(filters)}>
      导出 Excel
    </Button>
  );
  if (wide)
    return (
      <View className="page review-page review-page--wide queue">
        <ApplicationsTable
          key={key}
          filters={filters}
          sort={sort}
          onSortChange={setSort}
          toolbar={
            <View className="data-table__toolbar-row">
              {filterBar}
              {exportButton}
            </View>
          }
        />
      </View>
    );
  return (
    <View className="page review-page queue">
      {filterBar}
      <View className="queue-actions">
        <Text className="queue-actions__hint">按提交时间从早到晚</Text>
        {exportButton}
      </View>
      <Queue key={key} filters={filters} />
    </View>
  );
}

export default staffOnly(ApplicationsPage);
