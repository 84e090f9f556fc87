import { ScrollView, View } from '@tarojs/components';

export interface Tab<Value extends string> {
  /** undefined is "any": no filter. */
  value: Value | undefined;
  name: string;
}

/** "全部" (or `anyLabel`) and then every value under its contract name. */
export function tabsOf<Value extends string>(
  values: readonly Value[],
  names: Readonly<Record<Value, string>>,
  anyLabel = '全部',
): Tab<Value>[] {
  return [{ value: undefined, name: anyLabel }, ...values.map((value) => ({ value, name: names[value] }))];
}

interface TabsProps<Value extends string> {
  tabs: readonly Tab<Value>[];
  value: Value | undefined;
  onChange: (value: Value | undefined) => void;
  /** The stylesheet's block: `<block>`, `<block>__<element>`, `<block>__<element>--active`. */
  block: string;
  element?: string;
  /** More classes for the row. */
  className?: string;
  /** One line that scrolls sideways, rather than rows that wrap. */
  scroll?: boolean;
}

/** A row of filters, one of them active: category tabs, level tabs, state chips. */
export function Tabs<Value extends string>({
  tabs,
  value,
  onChange,
  block,
  element = 'tab',
  className,
  scroll = false,
}: TabsProps<Value>) {
  const item = `${block}__${element}`;
  const items = tabs.map((tab) => (
    <View
      key={tab.value ?? '#any'}
      className={tab.value === value ? `${item} ${item}--active` : item}
      onClick={() => onChange(tab.value)}
    >
      {tab.name}
    </View>
  ));
  const root = className ? `${block} ${className}` : block;
  return scroll ? (
    <ScrollView className={root} scrollX enableFlex>
      {items}
    </ScrollView>
  ) : (
    <View className={root}>{items}</View>
  );
}
