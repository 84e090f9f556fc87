import { Button, Input, Picker, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  LEVELS,
  PROVINCES,
  REGIONS,
  UNIT_TYPES,
  UNIT_TYPE_NAMES,
  createUnitRequestSchema,
  type LevelCode,
  type UnitType,
} from '@itss/shared';
import { useMemo, useState } from 'react';
import { Card, Section } from '@/components/section';
import { toApiError } from '@/services/http';
import { createUnit } from '@/services/staff-units';
import { FormField, PickerValue } from '@/packages/staff/components/units';
import './index.scss';

interface UnitForm {
  name: string;
  creditCode: string;
  unitType: UnitType | '';
  province: string;
  city: string;
  level: LevelCode | '';
  joinedOn: string;
}

const EMPTY: UnitForm = {
  name: '',
  creditCode: '',
  unitType: '',
  province: '',
  city: '',
  level: '',
  joinedOn: '',
};
const TYPE_LABELS = UNIT_TYPES.map((type) => UNIT_TYPE_NAMES[type]);
const LEVEL_LABELS = LEVELS.map((level) => level.name);

type Errors = Partial<Record<keyof UnitForm, string>>;

function errorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Errors {
  const errors: Errors = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? 'name') as keyof UnitForm;
    errors[key] ??= issue.message;
  }
  return errors;
}

/** Today in Beijing, YYYY-MM-DD: the latest a unit can have joined. */
function beijingToday(): string {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/** Records a unit that joined before this system; it has no contacts until staff invite the first. */
export default function NewUnitPage() {
  const [form, setForm] = useState<UnitForm>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const provinceIndex = PROVINCES.indexOf(form.province);
  const [pickerProvince, setPickerProvince] = useState(Math.max(provinceIndex, 0));
  const cityIndex = Math.max((REGIONS[PROVINCES[pickerProvince] ?? ''] ?? []).indexOf(form.city), 0);
  // Taro's H5 picker resets its columns whenever `range` or `value` is a new array.
  const regionRange = useMemo(
    () => [[...PROVINCES], [...(REGIONS[PROVINCES[pickerProvince] ?? ''] ?? [])]],
    [pickerProvince],
  );
  const regionValue = useMemo(() => [pickerProvince, cityIndex], [pickerProvince, cityIndex]);

  const update = (changes: Partial<UnitForm>) => {
    setForm((previous) => ({ ...previous, ...changes }));
    const keys = Object.keys(changes) as (keyof UnitForm)[];
    if (keys.some((key) => errors[key] || (key === 'province' && errors.city))) {
      setErrors((previous) => {
        const rest = { ...previous };
        for (const key of keys) delete rest[key];
        if (keys.includes('province')) delete rest.city;
        return rest;
      });
    }
  };

  const submit = async () => {
    const parsed = createUnitRequestSchema.safeParse(form);
    if (!parsed.success) {
      setErrors(errorsOf(parsed.error.issues));
      return;
    }
    setErrors({});
    setFailure(null);
    setBusy(true);
    try {
      const unit = await createUnit(parsed.data);
      await Taro.showToast({ title: '已新增', icon: 'success' });
      await Taro.redirectTo({ url: `/packages/unit/staff/unit/index?id=${unit.id}` });
    } catch (thrown) {
      const error = toApiError(thrown);
      const fieldErrors = errorsOf(
        (error.details ?? []).map((detail) => ({
          path: [detail.path.split('.')[0] ?? ''],
          message: detail.message,
        })),
      );
      if (Object.keys(fieldErrors).length) setErrors(fieldErrors);
      setFailure(error.message);
    } finally {
      setBusy(false);
    }
  };

  const text = (key: 'name' | 'creditCode', label: string, placeholder: string, maxlength: number) => (
    <FormField label={label} error={errors[key]}>
      <Input
        className={`staff-form__input unit-new__${key}`}
        maxlength={maxlength}
        placeholder={placeholder}
        value={form[key]}
        onInput={(event) => update({ [key]: event.detail.value })}
      />
    </FormField>
  );

  return (
    <View className="page staff-page unit-new">
      <Section title="单位信息" hint="录入系统上线前已入会的单位">
        <Card className="staff-form">
          {text('name', '单位名称', '与营业执照一致的单位全称', 60)}
          {text('creditCode', '统一社会信用代码', '18 位，见营业执照', 18)}
          <FormField label="单位类型" error={errors.unitType}>
            <Picker
              className="unit-new__unitType"
              mode="selector"
              range={TYPE_LABELS}
              value={Math.max(UNIT_TYPES.indexOf(form.unitType as UnitType), 0)}
              onChange={(event) => update({ unitType: UNIT_TYPES[Number(event.detail.value)] })}
            >
              <PickerValue
                text={form.unitType ? UNIT_TYPE_NAMES[form.unitType] : ''}
                placeholder="请选择单位类型"
              />
            </Picker>
          </FormField>
          <FormField label="所在地区" error={errors.province ?? errors.city}>
            <Picker
              className="unit-new__region"
              mode="multiSelector"
              range={regionRange}
              value={regionValue}
              onColumnChange={(event) => {
                if (event.detail.column === 0) setPickerProvince(event.detail.value);
              }}
              onCancel={() => setPickerProvince(Math.max(provinceIndex, 0))}
              onChange={(event) => {
                const [p = 0, c = 0] = event.detail.value;
                const province = PROVINCES[p] ?? '';
                update({ province, city: REGIONS[province]?.[c] ?? '' });
              }}
            >
              <PickerValue
                text={form.province ? `${form.province} ${form.city}` : ''}
                placeholder="请选择省份和城市"
              />
            </Picker>
          </FormField>
          <FormField label="会员级别" error={errors.level}>
            <Picker
              className="unit-new__level"
              mode="selector"
              range={LEVEL_LABELS}
              value={Math.max(
                LEVELS.findIndex((level) => level.code === form.level),
                0,
              )}
              onChange={(event) => update({ level: LEVELS[Number(event.detail.value)]?.code ?? '' })}
            >
              <PickerValue
                text={LEVELS.find((level) => level.code === form.level)?.name ?? ''}
                placeholder="请选择会员级别"
              />
            </Picker>
          </FormField>
          <FormField label="入会日期" error={errors.joinedOn}>
            <Picker
              className="unit-new__joinedOn"
              mode="date"
              value={form.joinedOn || beijingToday()}
              start="1990-01-01"
              end={beijingToday()}
              onChange={(event) => update({ joinedOn: String(event.detail.value) })}
            >
              <PickerValue text={form.joinedOn} placeholder="请选择入会日期" />
            </Picker>
          </FormField>
          {failure ? (
            <View className="staff-form__error unit-new__failure" role="alert">
              {failure}
            </View>
          ) : null}
          <Button
            className="staff-form__submit"
            loading={busy}
            disabled={busy || undefined}
            onClick={() => void submit()}
          >
            保存
          </Button>
        </Card>
      </Section>
    </View>
  );
}
