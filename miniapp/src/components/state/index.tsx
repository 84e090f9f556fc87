import { Button, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { RequestState } from '@/services/useRequest';
import './index.scss';

export function Loading() {
  return (
    <View className="state state--loading" aria-busy="true">
      <View className="state__spinner" />
      <Text className="state__text">加载中…</Text>
    </View>
  );
}

interface ErrorStateProps {
  message: string;
  onRetry: () => void;
}

export function ErrorState({ message, onRetry }: ErrorStateProps) {
  return (
    <View className="state state--error" role="alert">
      <View className="state__icon state__icon--error">!</View>
      <Text className="state__text">{message}</Text>
      <Button className="state__retry" onClick={onRetry}>
        重试
      </Button>
    </View>
  );
}

export function EmptyState({ text }: { text: string }) {
  return (
    <View className="state state--empty">
      <View className="state__icon state__icon--empty" />
      <Text className="state__text">{text}</Text>
    </View>
  );
}

interface RequestViewProps<T> {
  state: RequestState<T>;
  onRetry: () => void;
  /** When it returns true for loaded data, `emptyText` is shown instead of the content. */
  isEmpty?: (data: T) => boolean;
  emptyText?: string;
  children: (data: T) => ReactNode;
}

/** The one place that turns a request's state into loading, error, empty or content. */
export function RequestView<T>({
  state,
  onRetry,
  isEmpty,
  emptyText = '暂无内容',
  children,
}: RequestViewProps<T>) {
  switch (state.status) {
    case 'loading':
      return <Loading />;
    case 'error':
      return <ErrorState message={state.error.message} onRetry={onRetry} />;
    case 'success':
      return isEmpty?.(state.data) ? <EmptyState text={emptyText} /> : <>{children(state.data)}</>;
  }
}
