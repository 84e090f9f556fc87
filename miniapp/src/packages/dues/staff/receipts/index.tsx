import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  RECEIPT_STATUSES,
  RECEIPT_STATUS_NAMES,
  formatFen,
  issueReceiptRequestSchema,
  type ReceiptStatus,
} from '@itss/shared';
import { useState } from 'react';
import { FilePicker } from '@/components/kit/file-picker';
import { FormFailure, TextInput } from '@/components/kit/form';
import { KeysetListView, useFilters, useKeysetPage } from '@/components/kit/keyset-list';
import { staffOnly } from '@/components/kit/staff-page';
import { tabsOf } from '@/components/kit/tabs';
import { ROUTES, routeUrl } from '@/routes';
import type { PickedFile } from '@/services/upload';
import { formatBeijingTime } from '@/utils/format';
import { StaffChips } from '@/packages/staff/components/units';
import { getReceiptRequests, issueReceipt } from '@/packages/dues/api';
import '@/packages/staff/components/queue.scss';
import './index.scss';

type Item = Awaited<ReturnType<typeof getReceiptRequests>>['items'][number];

/** The receipt's number, then its PDF: picking the file sends both. */
function IssueForm({ item, onIssued }: { item: Item; onIssued: () => Promise<unknown> }) {
  const [number, setNumber] = useState('');
  const [error, setError] = useState<string | null>(null);
  const checked = issueReceiptRequestSchema.shape.number.safeParse(number);

  return (
    <View className="receipt-issue">
      <TextInput
        className="receipt-issue__number"
        maxlength={40}
        placeholder="先填写票据号码"
        value={number}
        onChange={(value) => {
          setError(null);
          setNumber(value);
        }}
      />
      <FilePicker<void>
        kind="pdf"
        className="receipt-issue__upload receipt-issue__upload--primary"
        size="mini"
        disabled={!checked.success}
        upload={(file: PickedFile) =>
          issueReceipt(item.billId, file, checked.success ? checked.data : number)
        }
        onUploaded={async () => {
          setNumber('');
          await Taro.showToast({ title: '已开具', icon: 'success' });
          await onIssued();
        }}
        onError={(failure) => setError(failure.message)}
      >
        上传 PDF 并开具
      </FilePicker>
      <FormFailure className="staff-form__error receipt-issue__error" message={error} />
    </View>
  );
}

function RequestRow({ item, onIssued }: { item: Item; onIssued: () => Promise<unknown> }) {
  const { receipt } = item;
  return (
    <View className="queue-row receipt-row">
      <View
        className="queue-row__head"
        onClick={() => void Taro.navigateTo({ url: routeUrl(ROUTES.duesBill, { id: item.billId }) })}
      >
        <Text className="queue-row__unit">{item.unitName}</Text>
        <Text className={`receipt-status receipt-status--${receipt.status}`}>
          {RECEIPT_STATUS_NAMES[receipt.status]}
        </Text>
      </View>
      <Text className="queue-row__meta">
        {item.year} 年度 · 应缴 {formatFen(item.amountFen)} · 已缴 {formatFen(item.paidFen)}
      </Text>
      <Text className="receipt-row__title" userSelect>
        抬头：{receipt.title}
        {receipt.taxNumber ? `（${receipt.taxNumber}）` : ''}
      </Text>
      <Text className="queue-row__meta">
        申请于 {formatBeijingTime(receipt.requestedAt)}
        {receipt.issuedAt
          ? ` · 开具于 ${formatBeijingTime(receipt.issuedAt)} · 号码 ${receipt.number ?? ''}`
          : ''}
      </Text>
      {receipt.status === 'requested' ? <IssueForm item={item} onIssued={onIssued} /> : null}
    </View>
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
