import { Text, View } from '@tarojs/components';
import { UNIT_STATUS_NAMES, UNIT_TYPE_NAMES, type Unit } from '@itss/shared';
import { RecordPage } from '@/components/kit/record-page';
import { StatusBadge } from '@/components/kit/badges';
import { Card, Section } from '@/components/section';
import { Field, HistoryRow, RecordColumns } from '@/packages/staff/components/record';
import { levelName } from '@/utils/format';
import { getUnit } from '@/packages/unit/api';
import { ContactRow, InvitePanel, JoinRequests } from './contacts';
import { StatusPanel } from './status-panel';
import '@/packages/staff/components/units.scss';
import './index.scss';
import { staffOnly } from '@/components/kit/staff-page';

type Reload = () => Promise<unknown>;

function UnitView({ unit, reload }: { unit: Unit; reload: Reload }) {
  return (
    <RecordColumns
      head={
        <Card className="unit-head">
          <View className="unit-head__row">
            <Text className="unit-head__unit">{unit.name}</Text>
            <StatusBadge block="unit-status" state={unit.status} names={UNIT_STATUS_NAMES} />
          </View>
          <Text className="unit-head__meta">
            {levelName(unit.level)} · 联系人 {unit.seats.used}/{unit.seats.limit}
          </Text>
        </Card>
      }
      main={
        <>
          <Section title="单位信息">
            <Card className="record-fields">
              <Field label="统一社会信用代码">{unit.creditCode}</Field>
              <Field label="单位类型">{UNIT_TYPE_NAMES[unit.unitType]}</Field>
              <Field label="所在地区">
                {unit.province}
                {unit.city === unit.province ? '' : ` ${unit.city}`}
              </Field>
              <Field label="会员级别">{levelName(unit.level)}</Field>
              <Field label="入会日期">{unit.joinedOn}</Field>
            </Card>
          </Section>

          <Section title="联系人" hint={`名额 ${unit.seats.used}/${unit.seats.limit}`}>
            <Card className="unit-contacts">
              {unit.contacts.length ? (
                unit.contacts.map((contact) => (
                  <ContactRow key={contact.userId} unit={unit} contact={contact} onChanged={reload} />
                ))
              ) : (
                <Text className="staff-tip unit-contacts__empty">暂无联系人</Text>
              )}
              <InvitePanel unit={unit} />
            </Card>
          </Section>

          <JoinRequests unit={unit} onChanged={reload} />
        </>
      }
      side={
        <>
          <Section title="会员资格" hint={`当前：${UNIT_STATUS_NAMES[unit.status]}`}>
            <Card>
              <StatusPanel unit={unit} onChanged={reload} />
            </Card>
          </Section>

          <Section title="状态记录">
            <Card className="record-history">
              {unit.statusHistory.length ? null : <Text className="staff-tip">暂无状态变更记录</Text>}
              {unit.statusHistory.map((entry) => (
                <HistoryRow
                  key={`${entry.at}-${entry.status}`}
                  state={UNIT_STATUS_NAMES[entry.status]}
                  at={entry.at}
                  by={entry.by ?? '系统'}
                  reason={entry.reason}
                />
              ))}
            </Card>
          </Section>
        </>
      }
    />
  );
}

function UnitPage() {
  return (
    <RecordPage load={getUnit} notFound="没有找到该会员单位" className="page staff-page unit-page">
      {(unit, { refresh }) => <UnitView unit={unit} reload={refresh} />}
    </RecordPage>
  );
}

export default staffOnly(UnitPage);
