import { Button, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatFen } from '@itss/shared';
import { useState } from 'react';
import { CountBadge } from '@/components/kit/badges';
import { BusyButton, FormFailure } from '@/components/kit/form';
import { usePageData } from '@/components/kit/page-data';
import { PickerValue } from '@/components/kit/pickers';
import { staffOnly } from '@/components/kit/staff-page';
import { useRefreshOnShow } from '@/components/kit/use-refresh-on-show';
import { useTask } from '@/components/kit/use-task';
import { Card, Section } from '@/components/section';
import { RequestView } from '@/components/state';
import { ROUTES, routeUrl } from '@/routes';
import { showModal } from '@/services/modal';
import { useRequest } from '@/services/useRequest';
import { getDuesSummary, getReceiptRequests, openYearBills } from '@/packages/dues/api';
import { currentYear, YearPicker } from '@/packages/dues/staff/components/parts';
import '@/packages/staff/components/units.scss';
import { collectedPercent, LevelChart, totalsOf } from './chart';
import './index.scss';

const open = (url: string) => () => void Taro.navigateTo({ url });

/** The year's collection: the chart by level, then the totals. */
function Summary({ year }: { year: number }) {
  const { state, reload, refresh } = usePageData(() => getDuesSummary(year));
  // Back from a bill, a statement or a payment: the figures have moved.
  useRefreshOnShow(refresh);
  return (
    <RequestView
      state={state}
      onRetry={() => void reload()}
      isEmpty={(summary) => !summary.byLevel.some((row) => row.units > 0)}
      emptyText={`${year} 年度还没有会费账单，可在下方生成`}
    >
      {(summary) => {
        const totals = totalsOf(summary.byLevel);
        const percent = collectedPercent(totals.paidFen, totals.amountFen);
        return (
          <Card className="dues-summary">
            <View className="dues-totals">
              <View className="dues-totals__item dues-totals__item--paid">
                <Text className="dues-totals__label">已收</Text>
                <Text className="dues-totals__value">{formatFen(totals.paidFen)}</Text>
              </View>
              <View className="dues-totals__item dues-totals__item--outstanding">
                <Text className="dues-totals__label">未收</Text>
                <Text className="dues-totals__value">{formatFen(totals.outstandingFen)}</Text>
              </View>
              <View className="dues-totals__item">
                <Text className="dues-totals__label">应收（{totals.units} 家）</Text>
                <Text className="dues-totals__value">{formatFen(totals.amountFen)}</Text>
              </View>
            </View>
            <Text className="staff-tip">
              收缴率 {percent === null ? '—' : `${percent}%`}（已作废的账单不计入）
            </Text>
            <LevelChart byLevel={summary.byLevel} />
          </Card>
        );
      }}
    </RequestView>
  );
}

/** 生成年度账单: every unit of the year without a bill gets one; pressing it twice opens nothing twice. */
function OpenBills({ year, onOpened }: { year: number; onOpened: () => void }) {
  const [dueDate, setDueDate] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const { busy, error, run } = useTask();

  const submit = async () => {
    const { confirm } = await showModal({
      title: `生成 ${year} 年度账单`,
      content: `为 ${year} 年度尚无账单的会员单位（含暂停的单位）生成账单，截止日期${
        dueDate ? `为 ${dueDate}` : '按收款设置'
      }。已有账单的单位不受影响。`,
      confirmText: '生成',
    });
    if (!confirm) return;
    setResult(null);
    await run(async () => {
      const { opened, existing } = await openYearBills(year, dueDate ? { dueDate } : {});
      setResult(`已生成 ${opened} 份账单${existing ? `，${existing} 家单位已有账单` : ''}`);
      onOpened();
    });
  };

  return (
    <Card className="dues-open">
      <Text className="staff-tip">
        往年账单（补录系统上线前的欠费）须填写截止日期；今年不填时按「会费标准与收款账户」中的截止日。
      </Text>
      <View className="dues-open__row">
        <Picker
          className="dues-open__date"
          mode="date"
          value={dueDate || `${year}-03-31`}
          onChange={(event) => setDueDate(String(event.detail.value))}
        >
          <PickerValue
            block="staff-form"
            className="staff-form__picker"
            text={dueDate ? `截止 ${dueDate}` : ''}
            placeholder="截止日期（选填）"
          />
        </Picker>
        {dueDate ? (
          <Button className="staff-button dues-open__clear" size="mini" onClick={() => setDueDate('')}>
            清除
          </Button>
        ) : null}
      </View>
      {result ? (
        <View className="dues-notice dues-notice--success" role="status">
          {result}
        </View>
      ) : null}
      <FormFailure className="staff-form__error" message={error} />
      <BusyButton className="staff-form__submit dues-open__submit" busy={busy} onClick={() => void submit()}>
        生成 {year} 年度账单
      </BusyButton>
    </Card>
  );
}

function DuesOverviewPage() {
  const [year, setYear] = useState(currentYear);
  const [version, setVersion] = useState(0);
  const requests = useRequest(() => getReceiptRequests('requested', null, 50));
  useRefreshOnShow(requests.refresh);
  const waiting = requests.state.status === 'success' ? requests.state.data : null;
  const links: { text: string; url: string; count?: number; more?: boolean }[] = [
    { text: `${year} 年度账单`, url: routeUrl(ROUTES.duesBills, { year }) },
    { text: '上传银行流水', url: routeUrl(ROUTES.duesStatement) },
    {
      text: '开票申请',
      url: routeUrl(ROUTES.duesReceipts),
      count: waiting?.items.length,
      more: waiting ? waiting.nextCursor !== null : false,
    },
    { text: '会费标准与收款账户', url: routeUrl(ROUTES.duesSettings) },
  ];
  return (
    <View className="page staff-page dues-overview">
      <View className="dues-overview__year">
        <Text className="dues-overview__label">年度</Text>
        <YearPicker className="dues-overview__picker" value={year} onChange={(y) => y && setYear(y)} />
      </View>
      <Section title={`${year} 年度收缴情况`} hint="按会员级别">
        <Summary key={`${year}-${version}`} year={year} />
      </Section>
      <Section title="会费事务">
        <Card className="dues-links">
          {links.map((link) => (
            <View key={link.text} className="dues-links__row" onClick={open(link.url)}>
              <Text className="dues-links__text">{link.text}</Text>
              {link.count !== undefined ? (
                <CountBadge
                  className="dues-links__badge"
                  count={link.more ? `${link.count}+` : link.count}
                  label="份待开票"
                  none="暂无"
                  noneClassName="dues-links__none"
                />
              ) : null}
              <View className="link-arrow dues-links__arrow" />
            </View>
          ))}
        </Card>
      </Section>
      <Section title="生成年度账单">
        <OpenBills year={year} onOpened={() => setVersion((v) => v + 1)} />
      </Section>
    </View>
  );
}

export default staffOnly(DuesOverviewPage);
