import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.scss';

interface SectionProps {
  title: string;
  /** A short line under the title, e.g. a hint on how to read the card. */
  hint?: string;
  children: ReactNode;
  className?: string;
}

export function Section({ title, hint, children, className }: SectionProps) {
  return (
    <View className={className ? `section ${className}` : 'section'}>
      <View className="section__head">
        <Text className="section__title">{title}</Text>
        {hint ? <Text className="section__hint">{hint}</Text> : null}
      </View>
      {children}
    </View>
  );
}

export function Card({ children, className }: { children: ReactNode; className?: string }) {
  return <View className={className ? `card ${className}` : 'card'}>{children}</View>;
}
