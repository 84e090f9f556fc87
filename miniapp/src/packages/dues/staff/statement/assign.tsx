import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatFen, type Bill } from '@itss/shared';
import { useState } from 'react';
import { FormFailure } from '@/components/kit/form';
import { SearchBar } from '@/components/kit/search-bar';
import { useTask } from '@/components/kit/use-task';
import { showModal } from '@/services/modal';
import { levelName } from '@/utils/format';
import { assignStatementLine, getDuesBills } from '@/packages/dues/api';
import { BillStatusBadge } from '@/packages/dues/staff/components/parts';

/** Enough to pick from; a longer list means the search should be narrower. */
const RESULTS = 10;

interface Line {
  line: number;
  amountFen: number | null;
  payerName: string;
}

/** An unmatched line given to a bill staff find by the unit's name or its remittance code. */
export function AssignPanel({
  statementId,
  line,
  onAssigned,
  onCancel,
}: {
  statementId: number;
  line: Line;
  onAssigned: (billId: number) => void;
  onCancel: () => void;
}) {
  const [bills, setBills] = useState<Bill[] | null>(null);
  const search = useTask();
  const assign = useTask();

  const find = (q: string) =>
    search.run(async () => {
      setBills(null);
      setBills((await getDuesBills({ q: q || undefined }, null, RESULTS)).items);
    });

  const choose = async (bill: Bill) => {
    const { confirm } = await showModal({
      title: '指定账单',
      content: `第 ${line.line} 行${line.amountFen === null ? '' : ` ${formatFen(line.amountFen)}`}计入 ${bill.unitName} ${bill.year} 年度账单。确定吗？`,
      confirmText: '指定',
    });
    if (!confirm) return;
    await assign.run(async () => {
      await assignStatementLine(statementId, line.line, bill.id);
      await Taro.showToast({ title: '已指定账单', icon: 'success' });
      onAssigned(bill.id);
    });
  };

  return (
    <View className="statement-assign">
      <SearchBar
        block="statement-assign-search"
        button
        initial={line.payerName}
        placeholder="单位名称或汇款识别码"
        maxlength={50}
        onSearch={(q) => void find(q)}
      />
      <FormFailure className="staff-form__error" message={search.error ?? assign.error} />
      {search.busy ? <Text className="staff-tip">正在查找…</Text> : null}
      {bills && !bills.length ? <Text className="staff-tip">没有找到账单，请换个关键词</Text> : null}
      {(bills ?? []).map((bill) => (
        <View key={bill.id} className="statement-assign__bill">
          <View className="statement-assign__text">
            <Text className="statement-assign__unit">{bill.unitName}</Text>
            <Text className="statement-assign__meta">
              {bill.year} 年度 · {levelName(bill.level)} · 应缴 {formatFen(bill.amountFen)} · 已缴{' '}
              {formatFen(bill.paidFen)}
            </Text>
          </View>
          <BillStatusBadge bill={bill} />
          <Button
            className="staff-button statement-assign__choose"
            size="mini"
            disabled={assign.busy || undefined}
            onClick={() => void choose(bill)}
          >
            指定
          </Button>
        </View>
      ))}
      <Button className="staff-button statement-assign__cancel" size="mini" onClick={onCancel}>
        取消
      </Button>
    </View>
  );
}
