import { Text, View } from '@tarojs/components';
import {
  BILL_KIND_NAMES,
  BILL_OPEN_STATUSES,
  BILL_STATUS_NAMES,
  formatFen,
  type Bill,
  type DuesSettingsResponse,
} from '@itss/shared';
import { useState } from 'react';
import { StatusBadge } from '@/components/kit/badges';
import { BusyButton } from '@/components/kit/form';
import { Card } from '@/components/section';
import { copyText } from '@/utils/actions';
import { levelName } from '@/utils/format';
import { outstandingFen, payBill } from '@/packages/dues/pay';
import { ReceiptPanel } from './receipt';

function Line({ label, value, modifier }: { label: string; value: string; modifier?: string }) {
  return (
    <View className={modifier ? `dues-line dues-line--${modifier}` : 'dues-line'}>
      <Text className="dues-line__label">{label}</Text>
      <Text className="dues-line__value">{value}</Text>
    </View>
  );
}

/** A line of the association's account, with 复制 for what people type into their bank's form. */
function AccountLine({ label, value, copy }: { label: string; value: string; copy?: boolean }) {
  return (
    <View className="dues-account__line">
      <Text className="dues-account__label">{label}</Text>
      <Text className="dues-account__value" userSelect>
        {value}
      </Text>
      {copy ? (
        <Text className="dues-account__copy" onClick={() => void copyText(value)}>
          复制
        </Text>
      ) : null}
    </View>
  );
}

/** 对公转账: the association's account and the bill's remittance code, which matches the transfer to it. */
function BankTransfer({ bill, settings }: { bill: Bill; settings: DuesSettingsResponse }) {
  const configured = Boolean(settings.accountName && settings.bankName && settings.accountNumber);
  return (
    <View className="dues-transfer">
      <Text className="dues-transfer__title">对公转账</Text>
      {configured ? (
        <View className="dues-account">
          <AccountLine label="户名" value={settings.accountName} />
          <AccountLine label="开户行" value={settings.bankName} />
          <AccountLine label="账号" value={settings.accountNumber} copy />
        </View>
      ) : (
        <Text className="dues-transfer__missing">收款账户信息暂未公布，请联系分会工作人员。</Text>
      )}
      <View className="dues-code">
        <Text className="dues-code__label">汇款识别码</Text>
        <View className="dues-code__body">
          <Text className="dues-code__value" userSelect>
            {bill.remittanceCode}
          </Text>
          <Text className="dues-code__copy" onClick={() => void copyText(bill.remittanceCode)}>
            复制
          </Text>
        </View>
        <Text className="dues-code__hint">
          转账时请在「附言」（用途、备注）中填写汇款识别码 {bill.remittanceCode}
          ，以便核对入账；到账后账单会自动更新。
        </Text>
      </View>
    </View>
  );
}

function WechatPay({ bill, onChanged }: { bill: Bill; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const pay = async () => {
    setBusy(true);
    try {
      await payBill(bill);
    } finally {
      setBusy(false);
      onChanged();
    }
  };
  return (
    <View className="dues-wechat">
      <BusyButton className="dues-wechat__button" busy={busy} onClick={() => void pay()}>
        微信支付 {formatFen(outstandingFen(bill))}
      </BusyButton>
      <Text className="dues-wechat__hint">支付后账单即时更新；也可通过下方对公转账缴费。</Text>
    </View>
  );
}

/** One year's bill: what it asks, what arrived, and what the contact can do from its state. */
export function BillCard({
  bill,
  settings,
  onChanged,
}: {
  bill: Bill;
  settings: DuesSettingsResponse;
  onChanged: () => void;
}) {
  const open = BILL_OPEN_STATUSES.includes(bill.status);
  const credit = bill.paidFen - bill.amountFen;
  return (
    <Card className={`dues-bill dues-bill--${bill.status}`}>
      <View className="dues-bill__head">
        <View className="dues-bill__heading">
          <Text className="dues-bill__year">
            {bill.year} 年度{bill.kind === 'upgrade' ? BILL_KIND_NAMES.upgrade : '会费'}
          </Text>
          <Text className="dues-bill__level">{levelName(bill.level)}</Text>
        </View>
        <View className="dues-bill__badges">
          <StatusBadge block="dues-bill__status" state={bill.status} names={BILL_STATUS_NAMES} />
          {bill.overdue ? <Text className="dues-bill__overdue">已逾期</Text> : null}
        </View>
      </View>
      <View className="dues-bill__lines">
        <Line label="应缴金额" value={formatFen(bill.amountFen)} />
        <Line label="已缴金额" value={formatFen(bill.paidFen)} />
        {open ? <Line label="待缴金额" value={formatFen(outstandingFen(bill))} modifier="owed" /> : null}
        {credit > 0 ? <Line label="多缴余额" value={formatFen(credit)} modifier="credit" /> : null}
        <Line
          label="缴费截止"
          value={bill.overdue ? `${bill.dueDate}（已逾期）` : bill.dueDate}
          modifier={bill.overdue ? 'overdue' : undefined}
        />
      </View>
      {credit > 0 ? (
        <Text className="dues-bill__note">
          多缴的 {formatFen(credit)} 已记为本单位余额，可与分会工作人员确认抵扣或退回。
        </Text>
      ) : null}
      {bill.status === 'waived' || bill.status === 'void' ? (
        <Text className="dues-bill__note">
          该账单{BILL_STATUS_NAMES[bill.status]}，无需缴费；如有疑问请联系分会工作人员。
        </Text>
      ) : null}
      {open && settings.wechatPay && outstandingFen(bill) > 0 ? (
        <WechatPay bill={bill} onChanged={onChanged} />
      ) : null}
      {open ? <BankTransfer bill={bill} settings={settings} /> : null}
      {bill.status === 'paid' || bill.receipt ? <ReceiptPanel bill={bill} onChanged={onChanged} /> : null}
    </Card>
  );
}
