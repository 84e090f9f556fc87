import { Button, Text, View } from '@tarojs/components';
import { BILL_OPEN_STATUSES, RECEIPT_STATUS_NAMES, formatFen, type BillDetail } from '@itss/shared';
import { RecordPage } from '@/components/kit/record-page';
import { staffOnly } from '@/components/kit/staff-page';
import { Card, Section } from '@/components/section';
import { copyText } from '@/utils/actions';
import { formatBeijingTime, levelName } from '@/utils/format';
import { Field } from '@/packages/staff/components/record';
import { getDuesBill } from '@/packages/dues/api';
import { BillStatusBadge, paidText } from '@/packages/dues/staff/components/parts';
import '@/packages/staff/components/units.scss';
import { ClosePanel, closingsOf } from './close-panel';
import { PaymentForm } from './payment-form';
import { PaymentRow } from './payments';
import './index.scss';

type Reload = () => Promise<unknown>;

function receiptText(bill: BillDetail): string {
  const { receipt } = bill;
  if (!receipt) return '未申请';
  const number = receipt.number ? ` · 号码 ${receipt.number}` : '';
  return `${RECEIPT_STATUS_NAMES[receipt.status]} · 抬头 ${receipt.title}${number}`;
}

function BillView({ bill, reload }: { bill: BillDetail; reload: Reload }) {
  const owed = Math.max(bill.amountFen - bill.paidFen, 0);
  const closed = bill.status === 'waived' || bill.status === 'void';
  return (
    <>
      <Card className="dues-bill-head">
        <View className="dues-bill-head__row">
          <Text className="dues-bill-head__unit">{bill.unitName}</Text>
          <BillStatusBadge bill={bill} />
        </View>
        <Text className="dues-bill-head__meta">
          {bill.year} 年度 · {levelName(bill.level)} · 截止 {bill.dueDate}
        </Text>
      </Card>

      <Section title="账单">
        <Card className="record-fields">
          <Field label="应缴">{formatFen(bill.amountFen)}</Field>
          <Field label="已缴">{paidText(bill)}</Field>
          {closed ? null : <Field label="未缴">{formatFen(owed)}</Field>}
          <Field label="截止日期">{bill.dueDate}</Field>
          <View className="record-field dues-code">
            <Text className="record-field__label">汇款识别码</Text>
            <Text className="record-field__value dues-code__value" userSelect>
              {bill.remittanceCode}
            </Text>
            <Button
              className="staff-button dues-code__copy"
              size="mini"
              onClick={() => void copyText(bill.remittanceCode)}
            >
              复制
            </Button>
          </View>
          <Field label="会费票据">{receiptText(bill)}</Field>
          {bill.reason ? (
            <Field label={bill.status === 'waived' ? '减免原因' : '作废原因'}>{bill.reason}</Field>
          ) : null}
          <Field label="生成时间">{formatBeijingTime(bill.createdAt)}</Field>
        </Card>
      </Section>

      {closed ? null : (
        <Section
          title="登记到账"
          hint={BILL_OPEN_STATUSES.includes(bill.status) ? '对公转账到账后登记' : '已缴清；多付的计为余额'}
        >
          <Card>
            <PaymentForm key={bill.paidFen} bill={bill} onRecorded={reload} />
          </Card>
        </Section>
      )}

      <Section title="缴费记录" hint={bill.payments.length ? `共 ${bill.payments.length} 笔` : undefined}>
        <Card className="dues-payments">
          {bill.payments.length ? (
            bill.payments.map((payment) => (
              <PaymentRow key={payment.id} payment={payment} onChanged={reload} />
            ))
          ) : (
            <Text className="staff-tip dues-payments__empty">暂无缴费记录</Text>
          )}
        </Card>
      </Section>

      <ClosePanelSection bill={bill} reload={reload} />

      <Section title="账单记录">
        <Card className="record-history">
          {bill.history.length ? null : <Text className="staff-tip">暂无记录</Text>}
          {bill.history.map((event) => (
            <View key={`${event.at}-${event.action}-${event.detail}`} className="record-history__row">
              <View className="record-history__head">
                <Text className="record-history__state">{event.actionName}</Text>
                <Text className="record-history__time">{formatBeijingTime(event.at)}</Text>
              </View>
              <Text className="record-history__by">{event.actorName ?? '系统'}</Text>
              {event.detail ? <Text className="record-history__note">{event.detail}</Text> : null}
            </View>
          ))}
        </Card>
      </Section>
    </>
  );
}

/** 减免 / 作废, only while the state machine offers them. */
function ClosePanelSection({ bill, reload }: { bill: BillDetail; reload: Reload }) {
  if (!closingsOf(bill).length) return null;
  return (
    <Section title="减免或作废" hint="须填写原因">
      <Card>
        <ClosePanel bill={bill} onClosed={reload} />
      </Card>
    </Section>
  );
}

function DuesBillPage() {
  return (
    <RecordPage load={getDuesBill} notFound="没有找到该账单" className="page staff-page dues-bill">
      {(bill, { refresh }) => <BillView bill={bill} reload={refresh} />}
    </RecordPage>
  );
}

export default staffOnly(DuesBillPage);
