import { Text, View } from '@tarojs/components';
import { LEVEL_CODES, formatFen, formatFenNumber, type DuesSummary } from '@itss/shared';
import { levelName } from '@/utils/format';

type LevelRow = DuesSummary['byLevel'][number];

/** Whole percent, rounded down so 99.6 % never reads as all paid; null when nothing was billed. */
export function collectedPercent(paidFen: number, amountFen: number): number | null {
  if (amountFen <= 0) return null;
  return Math.floor((Math.min(paidFen, amountFen) * 100) / amountFen);
}

const outstanding = (row: Pick<LevelRow, 'amountFen' | 'paidFen'>) =>
  Math.max(row.amountFen - row.paidFen, 0);

/** The width of `fen` on a bar whose full length is `max`, as a style value. */
function width(fen: number, max: number): string {
  const share = max > 0 ? Math.min(100, (Math.max(fen, 0) * 100) / max) : 0;
  return `${Math.round(share * 10) / 10}%`;
}

/**
 * Collected against billed per level, as horizontal bars drawn with views (no chart library: the
 * staff package stays small and the bars read the same in WeChat and in a browser). Every bar is on
 * one scale, the largest level's bill, so the levels compare by length; the figures are written out.
 */
export function LevelChart({ byLevel }: { byLevel: DuesSummary['byLevel'] }) {
  const rows = LEVEL_CODES.flatMap((code) => byLevel.filter((row) => row.level === code));
  const max = Math.max(0, ...rows.map((row) => Math.max(row.amountFen, row.paidFen)));
  return (
    <View className="dues-chart" role="list">
      {rows.map((row) => {
        const percent = collectedPercent(row.paidFen, row.amountFen);
        return (
          <View key={row.level} className={`dues-chart__row dues-chart__row--${row.level}`} role="listitem">
            <View className="dues-chart__head">
              <Text className="dues-chart__level">{levelName(row.level)}</Text>
              <Text className="dues-chart__units">{row.units} 家</Text>
              <Text className="dues-chart__percent">{percent === null ? '—' : `${percent}%`}</Text>
            </View>
            <View className="dues-chart__track">
              <View className="dues-chart__billed" style={{ width: width(row.amountFen, max) }} />
              <View className="dues-chart__paid" style={{ width: width(row.paidFen, max) }} />
            </View>
            <View className="dues-chart__figures">
              <Text className="dues-chart__collected">已收 {formatFenNumber(row.paidFen)}</Text>
              <Text className="dues-chart__billed-text">应收 {formatFenNumber(row.amountFen)}</Text>
              <Text className="dues-chart__outstanding">未收 {formatFen(outstanding(row))}</Text>
            </View>
          </View>
        );
      })}
      <View className="dues-chart__legend">
        <View className="dues-chart__key dues-chart__key--paid" />
        <Text className="dues-chart__key-text">已收</Text>
        <View className="dues-chart__key dues-chart__key--billed" />
        <Text className="dues-chart__key-text">应收</Text>
      </View>
    </View>
  );
}

/** The year's totals over every level. */
export function totalsOf(byLevel: DuesSummary['byLevel']) {
  const sum = (pick: (row: LevelRow) => number) => byLevel.reduce((total, row) => total + pick(row), 0);
  return {
    units: sum((row) => row.units),
    amountFen: sum((row) => row.amountFen),
    paidFen: sum((row) => row.paidFen),
    outstandingFen: sum(outstanding),
  };
}
