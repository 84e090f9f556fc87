import { Text } from '@tarojs/components';

/** A to-do or unread count: "99+" past 99; nothing for 0 (or `none` when the row should say so). */
export function CountBadge({
  count,
  label,
  className,
  none,
  noneClassName,
}: {
  count: number | string;
  /** Read out after the number: "3 份待审核". */
  label?: string;
  className: string;
  none?: string;
  noneClassName?: string;
}) {
  if (!count) return none ? <Text className={noneClassName}>{none}</Text> : null;
  const text = typeof count === 'number' && count > 99 ? '99+' : String(count);
  return (
    <Text className={className} aria-label={label ? `${count} ${label}` : undefined}>
      {text}
    </Text>
  );
}

/**
 * A state as a coloured tag under its contract name (`APPLICATION_STATE_NAMES` and the like):
 * `<block> <block>--<state>`, the colours in the page's sheet.
 */
export function StatusBadge<State extends string>({
  block,
  state,
  names,
  modifier = state,
}: {
  block: string;
  state: State;
  names: Readonly<Record<State, string>>;
  /** The modifier when the sheet spells the state differently. */
  modifier?: string;
}) {
  return <Text className={`${block} ${block}--${modifier}`}>{names[state]}</Text>;
}
