import { Picker, Text, View } from '@tarojs/components';
import { PROVINCES, REGIONS } from '@itss/shared';
import { useMemo, useState } from 'react';

interface PickerValueProps {
  /** The stylesheet's block: `<block>__value` (`--empty` for the placeholder), `<block>__arrow`. */
  block: string;
  /** The box's own class, `<block>` unless given. */
  className?: string;
  text: string;
  placeholder: string;
}

/** What a picker shows: the chosen value, or its placeholder in grey, and an arrow. */
export function PickerValue({ block, className = block, text, placeholder }: PickerValueProps) {
  return (
    <View className={className}>
      <Text className={text ? `${block}__value` : `${block}__value ${block}__value--empty`}>
        {text || placeholder}
      </Text>
      <View className={`link-arrow ${block}__arrow`} />
    </View>
  );
}

interface SelectPickerProps<Value> {
  /** The picker's own class (tests and the browser suite tap it). */
  className: string;
  options: readonly Value[];
  nameOf: (value: Value) => string;
  value: Value | undefined;
  onChange: (value: Value) => void;
  /** The block of the value box (see PickerValue) and its class. */
  block: string;
  boxClassName?: string;
  placeholder: string;
}

/** One choice out of a list (WeChat's selector wheel), shown as its name. */
export function SelectPicker<Value>({
  className,
  options,
  nameOf,
  value,
  onChange,
  block,
  boxClassName,
  placeholder,
}: SelectPickerProps<Value>) {
  const names = useMemo(() => options.map(nameOf), [options, nameOf]);
  const index = value === undefined ? -1 : options.indexOf(value);
  return (
    <Picker
      className={className}
      mode="selector"
      range={names}
      value={Math.max(index, 0)}
      onChange={(event) => {
        const chosen = options[Number(event.detail.value)];
        if (chosen !== undefined) onChange(chosen);
      }}
    >
      <PickerValue
        block={block}
        className={boxClassName}
        text={index >= 0 ? (names[index] ?? '') : ''}
        placeholder={placeholder}
      />
    </Picker>
  );
}

interface RegionPickerProps {
  className: string;
  province: string;
  city: string;
  onChange: (region: { province: string; city: string }) => void;
  block: string;
  boxClassName?: string;
}

/** 省份 and 城市 in two wheels (the shared region table); the second follows the first while open. */
export function RegionPicker({
  className,
  province,
  city,
  onChange,
  block,
  boxClassName,
}: RegionPickerProps) {
  const provinceIndex = PROVINCES.indexOf(province);
  // The province the first column is on while the picker is open.
  const [pickerProvince, setPickerProvince] = useState(Math.max(provinceIndex, 0));
  const cityIndex = Math.max((REGIONS[PROVINCES[pickerProvince] ?? ''] ?? []).indexOf(city), 0);
  // Taro's H5 picker resets its columns whenever `range` or `value` is a new array, so they keep
  // their identity across renders (an autosave re-renders the form while a column is being swiped).
  const range = useMemo(
    () => [[...PROVINCES], [...(REGIONS[PROVINCES[pickerProvince] ?? ''] ?? [])]],
    [pickerProvince],
  );
  const value = useMemo(() => [pickerProvince, cityIndex], [pickerProvince, cityIndex]);
  return (
    <Picker
      className={className}
      mode="multiSelector"
      range={range}
      value={value}
      onColumnChange={(event) => {
        if (event.detail.column === 0) setPickerProvince(event.detail.value);
      }}
      onCancel={() => setPickerProvince(Math.max(provinceIndex, 0))}
      onChange={(event) => {
        const [p = 0, c = 0] = event.detail.value;
        const chosen = PROVINCES[p] ?? '';
        onChange({ province: chosen, city: REGIONS[chosen]?.[c] ?? '' });
      }}
    >
      <PickerValue
        block={block}
        className={boxClassName}
        text={province ? `${province} ${city}` : ''}
        placeholder="请选择省份和城市"
      />
    </Picker>
  );
}
