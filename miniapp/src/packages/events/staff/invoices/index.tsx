import { Text, View } from '@tarojs/components';
import { formatFen, invoiceIssueSchema } from '@itss/shared';
import { DocumentRequestRow } from '@/components/kit/issued-document';
import { KeysetListView, useFilters, useKeysetPage } from '@/components/kit/keyset-list';
import { staffOnly } from '@/components/kit/staff-page';
import { tabsOf } from '@/components/kit/tabs';
import { StaffChips } from '@/packages/staff/components/units';
import { getInvoiceRequests, issueInvoice, type InvoiceStatus } from '@/packages/events/api';
import { EVENT_PAGES, openEventPage } from '@/packages/events/staff/components/parts';
import '@/packages/staff/components/queue.scss';
import './index.scss';

type Item = Awaited<ReturnType<typeof getInvoiceRequests>>['items'][number];

const INVOICE_STATUSES: readonly InvoiceStatus[] = ['requested', 'issued'];
const INVOICE_STATUS_NAMES: Record<InvoiceStatus, string> = {
  requested: '已申请开票',
  issued: '发票已开具',
};

/** The attendee, or the unit when a booked seat has no name yet. */
const heading = (item: Item) => [item.name ?? '（未填写参会人）', item.unitName].filter(Boolean).join(' · ');

function RequestRow({ item, onIssued }: { item: Item; onIssued: () => Promise<unknown> }) {
  return (
    <DocumentRequestRow
      className="invoice-row"
      heading={heading(item)}
      onOpen={() => openEventPage(EVENT_PAGES.registrations, item.eventId)}
      statusNames={INVOICE_STATUS_NAMES}
      request={item.invoice}
      issue={{
        numberSchema: invoiceIssueSchema.shape.number,
        placeholder: '先填写发票号码',
        upload: (file, number) => issueInvoice(item.registrationId, file, number),
        onIssued,
      }}
    >
      <Text className="queue-row__meta">
        {item.eventTitle} · {formatFen(item.priceFen)}
      </Text>
    </DocumentRequestRow>
  );
}

function Requests({ status }: { status: InvoiceStatus | undefined }) {
  const list = useKeysetPage(
    (cursor: string | null) => getInvoiceRequests(status, cursor),
    (page) => page.nextCursor,
    { refreshOnShow: true },
  );
  return (
    <KeysetListView
      list={list}
      block="queue"
      emptyText={status === 'requested' ? '暂无待开具的发票申请' : '暂无发票申请'}
    >
      {(item) => <RequestRow key={item.registrationId} item={item} onIssued={list.refresh} />}
    </KeysetListView>
  );
}

function EventInvoicesPage() {
  const { filters, patch, key } = useFilters<{ status?: InvoiceStatus }>({ status: 'requested' });
  return (
    <View className="page staff-page event-invoices">
      <Text className="staff-tip invoices-tip">
        活动发票由财务开具后，填写发票号码并上传 PDF；报名人即可在「我的活动」的报名详情中下载。
      </Text>
      <StaffChips
        className="invoices-filter"
        tabs={tabsOf(INVOICE_STATUSES, INVOICE_STATUS_NAMES, '全部')}
        value={filters.status}
        onChange={(status) => patch({ status })}
      />
      <Requests key={key} status={filters.status} />
    </View>
  );
}

export default staffOnly(EventInvoicesPage);
