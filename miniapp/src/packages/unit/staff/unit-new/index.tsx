import { Picker, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  LEVEL_CODES,
  UNIT_TYPES,
  UNIT_TYPE_NAMES,
  createUnitRequestSchema,
  creditCodeWarning,
  type LevelCode,
  type UnitType,
} from '@itss/shared';
import { useState } from 'react';
import {
  BusyButton,
  fieldErrors,
  type FieldErrors,
  fieldErrorsOf,
  FormFailure,
  TextInput,
  useRevealFirstError,
} from '@/components/kit/form';
import { PickerValue, RegionPicker, SelectPicker } from '@/components/kit/pickers';
import { Card, Section } from '@/components/section';
import { toApiError } from '@/services/http';
import { createUnit } from '@/packages/unit/api';
import { beijingToday } from '@/utils/format';
import { levelName } from '@/utils/format';
import { StaffField } from '@/packages/staff/components/units';
import './index.scss';
import { ROUTES, routeUrl } from '@/routes';
import { staffOnly } from '@/components/kit/staff-page';

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
const unitTypeName = (type: UnitType) => UNIT_TYPE_NAMES[type];

/** Records a unit that joined before this system; it has no contacts until staff invite the first. */
function NewUnitPage() {
  const [form, setForm] = useState<UnitForm>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const revealFirstError = useRevealFirstError();

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
      setErrors(fieldErrors(parsed.error.issues));
      revealFirstError();
      return;
    }
    setErrors({});
    setFailure(null);
    setBusy(true);
    try {
      const unit = await createUnit(parsed.data);
      await Taro.showToast({ title: '已新增', icon: 'success' });
      await Taro.redirectTo({ url: routeUrl(ROUTES.unit, { id: unit.id }) });
    } catch (thrown) {
      const error = toApiError(thrown);
      const refused = fieldErrorsOf(error);
      if (Object.keys(refused).length) {
        setErrors(refused);
        revealFirstError();
      }
      setFailure(error.message);
    } finally {
      setBusy(false);
    }
  };

  const text = (key: 'name' | 'creditCode', label: string, placeholder: string, maxlength: number) => (
    <StaffField
      label={label}
      warning={key === 'creditCode' ? creditCodeWarning(form.creditCode) : null}
      error={errors[key]}
    >
      <TextInput
        className={`staff-form__input unit-new__${key}`}
        maxlength={maxlength}
        placeholder={placeholder}
        value={form[key]}
        onChange={(value) => update({ [key]: value })}
      />
    </StaffField>
  );

  return (
    <View className="page staff-page unit-new">
      <Section title="单位信息" hint="录入系统上线前已入会的单位">
        <Card className="staff-form">
          {text('name', '单位名称', '与营业执照一致的单位全称', 60)}
          {text('creditCode', '统一社会信用代码', '18 位，见营业执照', 18)}
          <StaffField label="单位类型" error={errors.unitType}>
            <SelectPicker
              className="unit-new__unitType"
              options={UNIT_TYPES}
              nameOf={unitTypeName}
              value={form.unitType || undefined}
              onChange={(unitType) => update({ unitType })}
              block="staff-form"
              boxClassName="staff-form__picker"
              placeholder="请选择单位类型"
            />
          </StaffField>
          <StaffField label="所在地区" error={errors.province ?? errors.city}>
            <RegionPicker
              className="unit-new__region"
              province={form.province}
              city={form.city}
              onChange={update}
              block="staff-form"
              boxClassName="staff-form__picker"
            />
          </StaffField>
          <StaffField label="会员级别" error={errors.level}>
            <SelectPicker
              className="unit-new__level"
              options={LEVEL_CODES}
              nameOf={levelName}
              value={form.level || undefined}
              onChange={(level) => update({ level })}
              block="staff-form"
              boxClassName="staff-form__picker"
              placeholder="请选择会员级别"
            />
          </StaffField>
          <StaffField label="入会日期" error={errors.joinedOn}>
            <Picker
              className="unit-new__joinedOn"
              mode="date"
              value={form.joinedOn || beijingToday()}
              start="1990-01-01"
              end={beijingToday()}
              onChange={(event) => update({ joinedOn: String(event.detail.value) })}
            >
              <PickerValue
                block="staff-form"
                className="staff-form__picker"
                text={form.joinedOn}
                placeholder="请选择入会日期"
              />
            </Picker>
          </StaffField>
          <FormFailure className="staff-form__error unit-new__failure" message={failure} />
          <BusyButton className="staff-form__submit" busy={busy} onClick={() => void submit()}>
            保存
          </BusyButton>
        </Card>
      </Section>
    </View>
  );
}

export default staffOnly(NewUnitPage);
