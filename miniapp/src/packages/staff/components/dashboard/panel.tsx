import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { EmptyState } from '@/components/state';
import { isH5 } from '@/services/session';
import { FigureChart } from './chart';
import type { Figure } from './figures';
import { DataTable, exportTable } from './table';

/**
 * One chart of the dashboard in a card, with 表格 to read the same numbers as a table (and export
 * them) and 图表 to go back. A range with nothing to draw says so instead of an empty frame.
 */
export function FigurePanel({ figure, compact = false }: { figure: Figure; compact?: boolean }) {
  const [asTable, setAsTable] = useState(false);
  const empty = figure.points.length === 0;
  return (
    <View className={`dash-panel dash-panel--${figure.key}`}>
      <View className="dash-panel__head">
        <View className="dash-panel__titles">
          <Text className="dash-panel__title">{figure.title}</Text>
          {figure.hint ? <Text className="dash-panel__hint">{figure.hint}</Text> : null}
        </View>
        {empty ? null : (
          <View className="dash-panel__tools">
            {asTable ? (
              <Text className="dash-panel__tool" onClick={() => void exportTable(figure.table, figure.title)}>
                {isH5() ? '下载 CSV' : '复制'}
              </Text>
            ) : null}
            <Text
              className="dash-panel__tool dash-panel__toggle"
              aria-pressed={asTable}
              onClick={() => setAsTable(!asTable)}
            >
              {asTable ? '图表' : '表格'}
            </Text>
          </View>
        )}
      </View>
      {empty ? (
        <EmptyState text="所选期间暂无数据" />
      ) : asTable ? (
        <DataTable table={figure.table} title={figure.title} />
      ) : (
        <FigureChart figure={figure} height={compact ? 180 : 260} />
      )}
    </View>
  );
}
