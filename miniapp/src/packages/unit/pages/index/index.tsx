import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import {
  BILL_STATUS_NAMES,
  LEVELS,
  UNIT_STATUS_NAMES,
  UNIT_TYPE_NAMES,
  type Bill,
  type Unit,
} from '@itss/shared';
import { useCallback } from 'react';
import { LoginRequired } from '@/components/login-required';
import { Card, Section } from '@/components/section';
import { EmptyState, Loading, RequestView } from '@/components/state';
import { useSession } from '@/services/session';
import { getBills, getUnit } from '@/services/units';
import { usePullToRefresh } from '@/services/usePullToRefresh';
import { useRequest } from '@/services/useRequest';
import './index.scss';

const levelName = (code: string) => LEVELS.find((level) => level.code === code)?.name ?? code;
/** 3000 → "¥3,000"; grouped by hand like formatAnnualFee. */
const yuan = (amount: number) => `¥${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className="unit-row">
      <Text className="unit-row__label">{label}</Text>
      <Text className="unit-row__value">{value}</Text>
    </View>
  );
}

function UnitContent({ unit, bills }: { unit: Unit; bills: Bill[] }) {
  return (
    <View>
      <View className="unit-banner">
        <Text className="unit-banner__title">{unit.name}</Text>
        <Text className="unit-banner__desc">
          {levelName(unit.level)} · {UNIT_STATUS_NAMES[unit.status]}
        </Text>
      </View>
      <Section title="单位信息">
        <Card>
          <Row label="会员级别" value={levelName(unit.level)} />
          <Row label="会员状态" value={UNIT_STATUS_NAMES[unit.status]} />
          <Row label="入会日期" value={unit.joinedOn} />
          <Row label="单位类型" value={UNIT_TYPE_NAMES[unit.unitType]} />
          <Row label="所在地区" value={`${unit.province} ${unit.city}`} />
          <Row label="统一社会信用代码" value={unit.creditCode} />
          <Row
            label="主联系人"
            value={
              unit.primaryContact
                ? `${unit.primaryContact.displayName} ${unit.primaryContact.phoneMasked ?? ''}`.trim()
                : '未指定'
            }
          />
        </Card>
      </Section>
      <Section title="会费账单">
        {bills.length ? (
          <Card className="unit-bills">
            {bills.map((bill) => (
              <View key={bill.id} className="unit-bill">
                <View className="unit-bill__main">
                  <Text className="unit-bill__year">{bill.year} 年度会费</Text>
                  <Text className="unit-bill__level">{levelName(bill.level)}</Text>
                </View>
                <View className="unit-bill__side">
                  <Text className="unit-bill__amount">{yuan(bill.amountYuan)}</Text>
                  <Text className={`unit-bill__status unit-bill__status--${bill.status}`}>
                    {BILL_STATUS_NAMES[bill.status]}
                  </Text>
                </View>
              </View>
            ))}
          </Card>
        ) : (
          <EmptyState text="暂无会费账单" />
        )}
      </Section>
    </View>
  );
}

function UnitDetail({ id }: { id: number }) {
  const load = useCallback(
    () => Promise.all([getUnit(id), getBills(id)]).then(([unit, bills]) => ({ unit, bills: bills.items })),
    [id],
  );
  const { state, reload, refresh } = useRequest(load);
  usePullToRefresh(refresh);
  return (
    <RequestView state={state} onRetry={() => void reload()}>
      {(data) => <UnitContent {...data} />}
    </RequestView>
  );
}

export default function UnitPage() {
  const { params } = useRouter();
  const session = useSession();
  const id = Number(params.id);
  return (
    <View className="page unit">
      {session.status === 'loading' ? <Loading /> : null}
      {session.status === 'signedOut' ? <LoginRequired text="登录后查看您的会员单位" /> : null}
      {session.status === 'signedIn' ? (
        Number.isInteger(id) && id > 0 ? (
          <UnitDetail id={id} />
        ) : (
          <EmptyState text="没有找到该会员单位" />
        )
      ) : null}
    </View>
  );
}
