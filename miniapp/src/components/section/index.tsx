import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.scss';

interface SectionProps {
  title: string;
  /** A short line under the title, e.g. a hint on how to read the card. */
  hint?: string;
  /** A link at the right of the title to the whole list (更多). */
  more?: { text: string; open: () => void };
  children: ReactNode;
  className?: string;
}

export function Section({ title, hint, more, children, className }: SectionProps) {
  return (
    <View className={className ? `section ${className}` : 'section'}>
      <View className="section__head">
        <Text className="section__title">{title}</Text>
        {hint ? <Text className="section__hint">{hint}</Text> : null}
        {more ? (
          <Text className="section__more" onClick={more.open}>
            {`${more.text} ›`}
          </Text>
        ) : null}
      </View>
      {children}
    </View>
  );
}

export function Card({ children, className }: { children: ReactNode; className?: string }) {
  return <View className={className ? `card ${className}` : 'card'}>{children}</View>;
}
