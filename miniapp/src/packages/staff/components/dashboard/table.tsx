import { Text, View } from '@tarojs/components';
import { releaseDownload, saveAs } from '@/services/download';
import { isH5 } from '@/services/session';
import { copyText } from '@/utils/actions';
import { beijingDateStamp } from '@/utils/format';
import { tableCsv, type FigureTable } from './figures';

/** The numbers behind a chart, row by row: what a screen reader reads and what is exported. */
export function DataTable({ table, title }: { table: FigureTable; title: string }) {
  return (
    <View className="dash-table" role="table" aria-label={title}>
      <View className="dash-table__row dash-table__row--head" role="row">
        {table.columns.map((column) => (
          <View key={column} className="dash-table__cell dash-table__cell--head" role="columnheader">
            <Text>{column}</Text>
          </View>
        ))}
      </View>
      {/* A row is named by its first two cells (a campaign's month); a column by its heading. */}
      {table.rows.map((row) => (
        <View key={row.slice(0, 2).join('|')} className="dash-table__row" role="row">
          {row.map((value, column) => (
            <View
              key={table.columns[column]}
              className={column === 0 ? 'dash-table__cell' : 'dash-table__cell dash-table__cell--number'}
              role={column === 0 ? 'rowheader' : 'cell'}
            >
              <Text>{String(value)}</Text>
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}

/**
 * H5 saves the table as `<title>-<Beijing date>.csv`; a mini-program cannot hand a CSV file to
 * anything that opens it (openDocument takes office files only), so it copies the CSV instead.
 */
export async function exportTable(table: FigureTable, title: string): Promise<void> {
  const csv = tableCsv(table);
  if (isH5()) {
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    saveAs(url, `${title}-${beijingDateStamp()}.csv`);
    releaseDownload(url);
    return;
  }
  await copyText(csv);
}
