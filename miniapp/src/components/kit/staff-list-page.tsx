import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useWideLayout } from './layout';

interface StaffListPageProps {
  /** The page's own block, after `page staff-page`. */
  className: string;
  search: ReactNode;
  /** Buttons: the toolbar's right end at a desk; above the search or below the filters on a phone. */
  actions?: ReactNode;
  actionsFirst?: boolean;
  filters: ReactNode;
  /** The desk's table, given the toolbar to draw above its header. */
  table: (toolbar: ReactNode) => ReactNode;
  /** The phone's cards. */
  list: ReactNode;
}

/**
 * A staff list page in both shapes, so every list puts its controls where the others do: at a desk
 * a table whose toolbar holds the search and the actions on one row and the filters on the next;
 * on a phone the same controls stacked above the cards.
 */
export function StaffListPage({
  className,
  search,
  actions = null,
  actionsFirst = false,
  filters,
  table,
  list,
}: StaffListPageProps) {
  const wide = useWideLayout();
  if (wide)
    return (
      <View className={`page staff-page staff-page--wide ${className}`}>
        {table(
          <>
            <View className="data-table__toolbar-row">
              <View className="data-table__search">{search}</View>
              {actions}
            </View>
            <View className="data-table__toolbar-row">{filters}</View>
          </>,
        )}
      </View>
    );
  return (
    <View className={`page staff-page ${className}`}>
      {actionsFirst ? actions : null}
      {search}
      {filters}
      {actionsFirst ? null : actions}
      {list}
    </View>
  );
}
