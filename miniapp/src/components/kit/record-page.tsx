import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { ReactNode } from 'react';
// Before the state sheet, as in every page that shows cards: the extracted CSS keeps one order.
import '@/components/section/index.scss';
import { EmptyState, RequestView } from '@/components/state';
import { useRequest } from '@/services/useRequest';
import { usePullToRefresh } from './use-pull-to-refresh';

/** The page's `?id=`, as a list, a share card or a message hands it over; null unless a positive integer. */
export function useIdParam(): number | null {
  const { params } = useRouter();
  const id = Number(params.id);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

interface RecordPageProps<T> {
  /** Null when the API says there is no such record. */
  load: (id: number) => Promise<T | null>;
  notFound: string;
  /** The page's own box; without it the content is the page. */
  className?: string;
  /** `reload` shows the loading state again; `refresh` keeps the record on screen meanwhile. */
  children: (record: T, load: { reload: () => Promise<void>; refresh: () => Promise<unknown> }) => ReactNode;
}

/**
 * A page about one record, opened by `?id=`: loaded (and again on pull-down), with the loading
 * and error states of the kit; a bad id is never sent and reads as not found.
 */
export function RecordPage<T>({ load, notFound, className, children }: RecordPageProps<T>) {
  const id = useIdParam();
  // Hooks run whatever the query holds.
  const { state, reload, refresh } = useRequest(() => (id === null ? Promise.resolve(null) : load(id)));
  usePullToRefresh(refresh);
  const content = (
    <RequestView state={state} onRetry={() => void reload()}>
      {(record) => (record === null ? <EmptyState text={notFound} /> : children(record, { reload, refresh }))}
    </RequestView>
  );
  return className ? <View className={className}>{content}</View> : content;
}
