import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  RECEIPT_STATUSES,
  RECEIPT_STATUS_NAMES,
  formatFen,
  issueReceiptRequestSchema,
  type ReceiptStatus,
} from '@itss/shared';
import { DocumentRequestRow } from '@/components/kit/issued-document';
import { KeysetListView, useFilters, useKeysetPage } from '@/components/kit/keyset-list';
import { staffOnly } from '@/components/kit/staff-page';
import { tabsOf } from '@/components/kit/tabs';
import { ROUTES, routeUrl } from '@/routes';
import { StaffChips } from '@/packages/staff/components/units';
import { getReceiptRequests, issueReceipt } from '@/packages/dues/api';
import '@/packages/staff/components/queue.scss';
import './index.scss';

type Item = Awaited<ReturnType<typeof getReceiptRequests>>['items'][number];

function RequestRow({ item, onIssued }: { item: Item; onIssued: () => Promise<unknown> }) {
  return (
    <DocumentRequestRow
      className="receipt-row"
      heading={item.unitName}
      onOpen={() => void Taro.navigateTo({ url: routeUrl(ROUTES.duesBill, { id: item.billId }) })}
      statusNames={RECEIPT_STATUS_NAMES}
      request={item.receipt}
      issue={{
        numberSchema: issueReceiptRequestSchema.shape.number,
        placeholder: '先填写票据号码',
        upload: (file, number) => issueReceipt(item.billId, file, number),
        onIssued,
      }}
    >
      <Text className="queue-row__meta">
        {item.year} 年度 · 应缴 {formatFen(item.amountFen)} · 已缴 {formatFen(item.paidFen)}
      </Text>
    </DocumentRequestRow>
  );
}

function Requests({ status }: { status: ReceiptStatus | undefined }) {
  const list = useKeysetPage(
    (cursor: string | null) => getReceiptRequests(status, cursor),
    (page) => page.nextCursor,
    { refreshOnShow: true },
  );
  return (
    <KeysetListView
      list={list}
      block="queue"
      emptyText={status === 'requested' ? '暂无待开具的票据申请' : '暂无票据申请'}
    >
      {(item) => <RequestRow key={item.billId} item={item} onIssued={list.refresh} />}
    </KeysetListView>
  );
}

function DuesReceiptsPage() {
  const { filters, patch, key } = useFilters<{ status?: ReceiptStatus }>({ status: 'requested' });
  return (
    <View className="page staff-page dues-receipts">
      <Text className="staff-tip receipts-tip">
        会费票据由财务开具后，填写票据号码并上传 PDF；单位联系人即可在「会费」中下载，并收到消息通知。
      </Text>
      <StaffChips
        className="receipts-filter"
        tabs={tabsOf(RECEIPT_STATUSES, RECEIPT_STATUS_NAMES, '全部')}
        value={filters.status}
        onChange={(status) => patch({ status })}
      />
      <Requests key={key} status={filters.status} />
    </View>
  );
}

export default staffOnly(DuesReceiptsPage);
