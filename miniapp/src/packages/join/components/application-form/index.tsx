import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  APPLICABLE_LEVELS,
  ITSS_CONFORMITY_LEVELS,
  ITSS_CONFORMITY_LEVEL_NAMES,
  PROVINCES,
  REGIONS,
  UNIT_TYPES,
  UNIT_TYPE_NAMES,
  type ApplicationBodyParsed,
  type Level,
} from '@itss/shared';
import { useMemo, useState, type ReactNode } from 'react';
import { Card, Section } from '@/components/section';
import { toApiError } from '@/services/http';
import { pickFile, uploadFile } from '@/services/upload';
import { openPrivacyPolicy } from '@/utils/actions';
import { formatAnnualFee } from '@/utils/format';
import {
  checkForm,
  errorsFromDetails,
  formatFileSize,
  writeLocalDraft,
  type ApplicationForm,
  type FieldErrors,
} from '../../form';
import './index.scss';

interface FieldProps {
  label?: string;
  error?: string;
  hint?: string;
  optional?: boolean;
  children: ReactNode;
}

function Field({ label, error, hint, optional, children }: FieldProps) {
  return (
    <View className={error ? 'apply-field apply-field--error' : 'apply-field'}>
      {label ? (
        <Text className="apply-field__label">
          {label}
          {optional ? <Text className="apply-field__optional">（选填）</Text> : null}
        </Text>
      ) : null}
      {children}
      {hint && !error ? <Text className="apply-field__hint">{hint}</Text> : null}
      {error ? (
        <View className="apply-field__error" role="alert">
          {error}
        </View>
      ) : null}
    </View>
  );
}

function PickerValue({ text, placeholder }: { text: string; placeholder: string }) {
  return (
    <View className="apply-picker">
      <Text className={text ? 'apply-picker__value' : 'apply-picker__value apply-picker__value--empty'}>
        {text || placeholder}
      </Text>
      <View className="link-arrow" />
    </View>
  );
}

function Check({
  checked,
  children,
  onToggle,
}: {
  checked: boolean;
  children: ReactNode;
  onToggle: () => void;
}) {
  return (
    <View className="apply-consent" onClick={onToggle}>
      <View
        className={checked ? 'apply-consent__box apply-consent__box--on' : 'apply-consent__box'}
        role="checkbox"
        aria-checked={checked}
      />
      <View className="apply-consent__text">{children}</View>
    </View>
  );
}

export interface ApplicationFormProps {
  initial: ApplicationForm;
  levels: Level[];
  /** 工作守则: the members' obligations the applicant agrees to. */
  rules: string[];
  submitText: string;
  /** Every change, for the draft autosave. */
  onChange?: (form: ApplicationForm) => void;
  /** Gets the body the shared schema accepted; a rejection with `details` marks those fields. */
  onSubmit: (body: ApplicationBodyParsed) => Promise<void>;
}

const UNIT_TYPE_LABELS = UNIT_TYPES.map((type) => UNIT_TYPE_NAMES[type]);
const CONFORMITY_LABELS = [
  '未持有',
  ...ITSS_CONFORMITY_LEVELS.map((item) => ITSS_CONFORMITY_LEVEL_NAMES[item]),
];

const applicableLevels = (levels: Level[]) =>
  levels.filter((level) => (APPLICABLE_LEVELS as readonly string[]).includes(level.code));

export function ApplicationFormView({
  initial,
  levels,
  rules,
  submitText,
  onChange,
  onSubmit,
}: ApplicationFormProps) {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [rulesOpen, setRulesOpen] = useState(false);
  const provinceIndex = PROVINCES.indexOf(form.province);
  // The province the region picker's first column is on while it is open.
  const [pickerProvince, setPickerProvince] = useState(Math.max(provinceIndex, 0));

  const update = (changes: Partial<ApplicationForm>, ...fields: string[]) => {
    const next = { ...form, ...changes };
    setForm(next);
    if (fields.some((field) => errors[field])) {
      const rest = { ...errors };
      for (const field of fields) delete rest[field];
      setErrors(rest);
    }
    onChange?.(next);
  };
  const updateContact = (key: keyof ApplicationForm['contact'], value: string) =>
    update({ contact: { ...form.contact, [key]: value } }, `contact.${key}`);

  const offered = useMemo(() => applicableLevels(levels), [levels]);
  const level = offered.find((item) => item.code === form.level);
  const cityIndex = Math.max((REGIONS[PROVINCES[pickerProvince] ?? ''] ?? []).indexOf(form.city), 0);
  // Taro's H5 picker resets its columns whenever `range` or `value` is a new array, so they keep
  // their identity across renders (an autosave re-renders the form while a column is being swiped).
  const regionRange = useMemo(
    () => [[...PROVINCES], [...(REGIONS[PROVINCES[pickerProvince] ?? ''] ?? [])]],
    [pickerProvince],
  );
  const regionValue = useMemo(() => [pickerProvince, cityIndex], [pickerProvince, cityIndex]);
  const levelNames = useMemo(() => offered.map((item) => item.name), [offered]);

  const pickLicence = async () => {
    const file = await pickFile('licence');
    if (!file) return;
    setUploading(true);
    try {
      const stored = await uploadFile(file);
      const licence = { id: stored.id, name: stored.name, size: stored.size };
      writeLocalDraft({ licence });
      update({ licence }, 'licenceFileId');
    } catch (error) {
      setErrors({ ...errors, licenceFileId: toApiError(error).message });
    } finally {
      setUploading(false);
    }
  };

  const submit = async () => {
    const checked = checkForm(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      await Taro.showToast({ title: '请按提示修改标红的项目', icon: 'none' });
      return;
    }
    setBusy(true);
    try {
      await onSubmit(checked.body);
    } catch (thrown) {
      const error = toApiError(thrown);
      const fieldErrors = errorsFromDetails(error.details);
      if (Object.keys(fieldErrors).length) {
        setErrors(fieldErrors);
        await Taro.showToast({ title: '请按提示修改标红的项目', icon: 'none' });
      } else {
        await Taro.showModal({ title: '提交未完成', content: error.message, showCancel: false });
      }
    } finally {
      setBusy(false);
    }
  };

  const input = (
    path: keyof Pick<ApplicationForm, 'unitName' | 'creditCode' | 'address' | 'legalRepresentative'>,
    label: string,
    placeholder: string,
    maxlength: number,
  ) => (
    <Field label={label} error={errors[path]}>
      <Input
        className={`apply-input apply-input--${path}`}
        value={form[path]}
        placeholder={placeholder}
        maxlength={maxlength}
        onInput={(event) => update({ [path]: event.detail.value }, path)}
      />
    </Field>
  );
  const contactInput = (
    key: keyof ApplicationForm['contact'],
    label: string,
    placeholder: string,
    type: 'text' | 'number' = 'text',
  ) => (
    <Field label={label} error={errors[`contact.${key}`]}>
      <Input
        className={`apply-input apply-input--contact-${key}`}
        type={type}
        value={form.contact[key]}
        placeholder={placeholder}
        maxlength={key === 'email' ? 100 : 30}
        onInput={(event) => updateContact(key, event.detail.value)}
      />
    </Field>
  );

  return (
    <View className="apply-form">
      <Section title="单位信息">
        <Card>
          {input('unitName', '单位名称', '与营业执照一致的单位全称', 60)}
          {input('creditCode', '统一社会信用代码', '18 位，见营业执照', 18)}
          <Field label="单位类型" error={errors.unitType}>
            <Picker
              className="apply-select apply-select--unitType"
              mode="selector"
              range={UNIT_TYPE_LABELS}
              value={Math.max(UNIT_TYPES.indexOf(form.unitType as never), 0)}
              onChange={(event) => update({ unitType: UNIT_TYPES[Number(event.detail.value)] }, 'unitType')}
            >
              <PickerValue
                text={form.unitType ? UNIT_TYPE_NAMES[form.unitType] : ''}
                placeholder="请选择单位类型"
              />
            </Picker>
          </Field>
          <Field label="所在地区" error={errors.city}>
            <Picker
              className="apply-select apply-select--region"
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
                update({ province, city: REGIONS[province]?.[c] ?? '' }, 'city');
              }}
            >
              <PickerValue
                text={form.province ? `${form.province} ${form.city}` : ''}
                placeholder="请选择省份和城市"
              />
            </Picker>
          </Field>
          {input('address', '通讯地址', '街道、门牌号', 120)}
          {input('legalRepresentative', '法定代表人', '法定代表人姓名', 30)}
        </Card>
      </Section>

      <Section title="联系人" hint="入会后为本单位与分会的固定联系人">
        <Card>
          {contactInput('name', '姓名', '联系人姓名')}
          {contactInput('title', '职务', '如：市场部经理')}
          {contactInput('mobile', '手机号', '11 位手机号', 'number')}
          {contactInput('email', '邮箱', '用于接收入会通知')}
        </Card>
      </Section>

      <Section title="申请级别">
        <Card>
          <Field label="会员级别" error={errors.level}>
            <Picker
              className="apply-select apply-select--level"
              mode="selector"
              range={levelNames}
              value={Math.max(
                offered.findIndex((item) => item.code === form.level),
                0,
              )}
              onChange={(event) => {
                const chosen = offered[Number(event.detail.value)];
                if (chosen) update({ level: chosen.code as ApplicationForm['level'] }, 'level');
              }}
            >
              <PickerValue text={level?.name ?? ''} placeholder="请选择申请的会员级别" />
            </Picker>
          </Field>
          {level ? (
            <View className="apply-level">
              <Text className="apply-level__fee">年费 {formatAnnualFee(level.annualFeeYuan)}</Text>
              <Text className="apply-level__title">{level.name}享有的权益</Text>
              {level.rights.map((right) => (
                <Text key={right.text} className="apply-level__right">
                  · {right.text}
                </Text>
              ))}
            </View>
          ) : null}
          <Field label="ITSS 符合性证书" optional error={errors.itssConformityLevel}>
            <Picker
              className="apply-select apply-select--itss"
              mode="selector"
              range={CONFORMITY_LABELS}
              value={
                form.itssConformityLevel ? ITSS_CONFORMITY_LEVELS.indexOf(form.itssConformityLevel) + 1 : 0
              }
              onChange={(event) => {
                const index = Number(event.detail.value);
                update(
                  { itssConformityLevel: index > 0 ? (ITSS_CONFORMITY_LEVELS[index - 1] ?? '') : '' },
                  'itssConformityLevel',
                );
              }}
            >
              <PickerValue
                text={
                  form.itssConformityLevel ? ITSS_CONFORMITY_LEVEL_NAMES[form.itssConformityLevel] : '未持有'
                }
                placeholder="未持有"
              />
            </Picker>
          </Field>
        </Card>
      </Section>

      <Section title="主营业务">
        <Card>
          <Field label="主营业务介绍" error={errors.businessDescription} hint="20 至 2000 字">
            <Textarea
              className="apply-textarea"
              value={form.businessDescription}
              placeholder="简要介绍单位的主营业务、信息技术服务能力与主要客户"
              maxlength={2000}
              autoHeight
              onInput={(event) => update({ businessDescription: event.detail.value }, 'businessDescription')}
            />
          </Field>
        </Card>
      </Section>

      <Section title="营业执照">
        <Card>
          <Field label="营业执照" error={errors.licenceFileId} hint="支持 JPG、PNG 图片或 PDF，不超过 5 MB">
            {form.licence ? (
              <View className="apply-licence">
                <Text className="apply-licence__name">{form.licence.name ?? '已上传的营业执照'}</Text>
                {form.licence.size ? (
                  <Text className="apply-licence__size">{formatFileSize(form.licence.size)}</Text>
                ) : null}
              </View>
            ) : null}
            <Button
              className="apply-licence__pick"
              loading={uploading}
              disabled={uploading || undefined}
              onClick={() => void pickLicence()}
            >
              {form.licence ? '重新上传' : '上传营业执照'}
            </Button>
          </Field>
        </Card>
      </Section>

      <Section title="声明">
        <Card>
          <Field error={errors['consents.rules']}>
            <Check
              checked={form.consents.rules}
              onToggle={() =>
                update({ consents: { ...form.consents, rules: !form.consents.rules } }, 'consents.rules')
              }
            >
              <Text>我已阅读并同意</Text>
              <Text
                className="apply-link"
                onClick={(event) => {
                  event.stopPropagation();
                  setRulesOpen(!rulesOpen);
                }}
              >
                《工作守则》
              </Text>
            </Check>
            {rulesOpen ? (
              <View className="apply-rules">
                {rules.map((rule, index) => (
                  <Text key={rule} className="apply-rules__item">
                    {index + 1}. {rule}
                  </Text>
                ))}
              </View>
            ) : null}
          </Field>
          <Field error={errors['consents.privacy']}>
            <Check
              checked={form.consents.privacy}
              onToggle={() =>
                update(
                  { consents: { ...form.consents, privacy: !form.consents.privacy } },
                  'consents.privacy',
                )
              }
            >
              <Text>我已阅读并同意</Text>
              <Text
                className="apply-link"
                onClick={(event) => {
                  event.stopPropagation();
                  openPrivacyPolicy();
                }}
              >
                《隐私政策》
              </Text>
            </Check>
          </Field>
        </Card>
      </Section>

      <View className="apply-actions">
        <Button
          className="apply-submit"
          loading={busy}
          disabled={busy || uploading || undefined}
          onClick={() => void submit()}
        >
          {submitText}
        </Button>
      </View>
    </View>
  );
}
