import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  BILL_KIND_NAMES,
  ErrorCode,
  REMINDER_CHANNEL_NAMES,
  REMOVAL_GROUND_NAMES,
  UNIT_STATUS_NAMES,
  formatFen,
  type Bill,
  type UnitArrears,
  type UnitRemoval,
} from '@itss/shared';
import { useCallback } from 'react';
import { usePageData } from '@/components/kit/page-data';
import { staffOnly } from '@/components/kit/staff-page';
import { Card, Section } from '@/components/section';
import { EmptyState, RequestView } from '@/components/state';
import { ROUTES, routeUrl } from '@/routes';
import { toApiError } from '@/services/http';
import { formatBeijingTime, levelName } from '@/utils/format';
import { BillStatusBadge, paidText } from '@/packages/dues/staff/components/parts';
import { Field, RecordColumns } from '@/packages/staff/components/record';
import { getUnitArrears } from '@/packages/standing/api';
import { yearsText } from '@/packages/standing/format';
import { ProposedBadge } from '@/packages/standing/staff/components/arrears';
import { useRefreshOnReturn } from '@/packages/standing/staff/components/refresh';
import '@/packages/staff/components/units.scss';
import { RemovalForm } from './removal-form';
import './index.scss';

type Reload = () => Promise<unknown>;

function BillRow({ bill, unpaid }: { bill: Bill; unpaid: boolean }) {
  return (
    <View
      className={unpaid ? 'arrears-bill arrears-bill--unpaid' : 'arrears-bill'}
      onClick={() => void Taro.navigateTo({ url: routeUrl(ROUTES.duesBill, { id: bill.id }) })}
    >
      <View className="arrears-bill__main">
        <Text className="arrears-bill__year">
          {bill.year} 年度{bill.kind === 'upgrade' ? BILL_KIND_NAMES.upgrade : ''} · {levelName(bill.level)}
        </Text>
        <Text className="arrears-bill__meta">
          应缴 {formatFen(bill.amountFen)} · 已缴 {paidText(bill)} · 截止 {bill.dueDate}
        </Text>
      </View>
      <BillStatusBadge bill={bill} />
      <View className="link-arrow arrears-bill__arrow" />
    </View>
  );
}

function RemovalRecord({ removal }: { removal: UnitRemoval }) {
  return (
    <Card className="record-fields removal-record">
      <Field label="除名依据">{REMOVAL_GROUND_NAMES[removal.ground]}</Field>
      <Field label="决定机构">{removal.body}</Field>
      <Field label="决定日期">{removal.decidedOn}</Field>
      <Field label="文号">{removal.documentNumber ?? '无'}</Field>
      <Field label="除名原因">{removal.reason}</Field>
      <Field label="决定文件">{removal.fileId ? '已附' : '未附'}</Field>
      <Field label="记录">
        {[formatBeijingTime(removal.recordedAt), removal.recordedByName].filter(Boolean).join(' · ')}
      </Field>
    </Card>
  );
}

function Removal({ unit, reload }: { unit: UnitArrears; reload: Reload }) {
  if (unit.removal)
    return (
      <Section title="除名记录">
        <RemovalRecord removal={unit.removal} />
      </Section>
    );
  if (unit.status === 'removed')
    return (
      <Section title="除名">
        <Card>
          <Text className="staff-tip">该单位已除名，欠费记录保留备查。</Text>
        </Card>
      </Section>
    );
  return (
    <Section title="除名" hint={unit.removalProposed ? '已满足两个年度欠费的除名条件' : undefined}>
      <Card>
        <RemovalForm unit={unit} onRecorded={reload} />
      </Card>
    </Section>
  );
}

function ArrearsUnitView({ unit, reload }: { unit: UnitArrears; reload: Reload }) {
  const unpaid = new Set(unit.unpaidYears);
  return (
    <RecordColumns
      head={
        <Card className="arrears-head">
          <View className="arrears-head__row">
            <Text className="arrears-head__unit">{unit.unitName}</Text>
            <ProposedBadge item={unit} />
          </View>
          <Text className="arrears-head__meta">
            {levelName(unit.level)} · {UNIT_STATUS_NAMES[unit.status]}
            {unit.unpaidYears.length
              ? ` · 欠费 ${unit.unpaidYears.length} 个年度 · 欠缴 ${formatFen(unit.outstandingFen)}`
              : ' · 无逾期欠费'}
          </Text>
        </Card>
      }
      main={
        <>
          <Section title="欠费概况">
            <Card className="record-fields">
              <Field label="逾期未缴年度">
                {unit.unpaidYears.length ? yearsText(unit.unpaidYears) : '无'}
              </Field>
              <Field label="欠缴金额">{formatFen(unit.outstandingFen)}</Field>
              <Field label="除名建议">
                {unit.removalProposed
                  ? '建议除名：已有两个及以上年度逾期未缴会费'
                  : '未达到除名条件（逾期未缴不足两个年度）'}
              </Field>
            </Card>
          </Section>
          <Section title="会费账单" hint={unit.bills.length ? `共 ${unit.bills.length} 份` : undefined}>
            {unit.bills.length ? (
              <Card className="arrears-bills">
                {unit.bills.map((bill) => (
                  <BillRow key={bill.id} bill={bill} unpaid={unpaid.has(bill.year)} />
                ))}
              </Card>
            ) : (
              <EmptyState text="该单位暂无会费账单" />
            )}
          </Section>
          <Section
            title="催缴记录"
            hint={unit.reminders.length ? `共 ${unit.reminders.length} 次` : undefined}
          >
            {unit.reminders.length ? (
              <Card className="arrears-reminders">
                {unit.reminders.map((reminder) => (
                  <View
                    key={`${reminder.billId}-${reminder.sentAt}-${reminder.channel}`}
                    className="arrears-reminder"
                  >
                    <Text className="arrears-reminder__what">
                      {reminder.year} 年度会费 · {REMINDER_CHANNEL_NAMES[reminder.channel]}
                    </Text>
                    <Text className="arrears-reminder__meta">
                      {formatBeijingTime(reminder.sentAt)} · 发送 {reminder.recipientCount} 人
                    </Text>
                  </View>
                ))}
              </Card>
            ) : (
              <EmptyState text="暂无催缴记录" />
            )}
          </Section>
        </>
      }
      actions={<Removal unit={unit} reload={reload} />}
    />
  );
}

/** The unit's arrears; null when there is no such unit (404). */
async function loadArrearsUnit(unitId: number | null): Promise<UnitArrears | null> {
  if (unitId === null) return null;
  try {
    return await getUnitArrears(unitId);
  } catch (error) {
    if (toApiError(error).code === ErrorCode.NotFound) return null;
    throw error;
  }
}

/** `?unitId=`, from the arrears list. */
function ArrearsUnitPage() {
  const { params } = useRouter();
  const asked = Number(params.unitId);
  const unitId = Number.isSafeInteger(asked) && asked > 0 ? asked : null;
  const load = useCallback(() => loadArrearsUnit(unitId), [unitId]);
  const { state, reload, refresh } = usePageData(load);
  // Back from a bill paid, waived or voided: the arrears have moved.
  useRefreshOnReturn(refresh);
  return (
    <View className="page staff-page staff-page--wide arrears-unit">
      <RequestView state={state} onRetry={() => void reload()}>
        {(unit) =>
          unit === null ? (
            <EmptyState text="没有找到该会员单位" />
          ) : (
            <ArrearsUnitView unit={unit} reload={refresh} />
          )
        }
      </RequestView>
    </View>
  );
}

export default staffOnly(ArrearsUnitPage);
