import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  APPLICABLE_LEVELS,
  ITSS_CONFORMITY_LEVELS,
  itssConformityName,
  UNIT_TYPES,
  UNIT_TYPE_NAMES,
  creditCodeWarning,
  type ApplicableLevel,
  type ApplicationBodyParsed,
  type Level,
  type UnitType,
} from '@itss/shared';
import { useCallback, useMemo, useState } from 'react';
import { useFileUpload } from '@/components/kit/file-picker';
import { BusyButton, FormField, TextInput, useRevealFirstError } from '@/components/kit/form';
import { RegionPicker, SelectPicker } from '@/components/kit/pickers';
import { Card, Section } from '@/components/section';
import { toApiError } from '@/services/http';
import { uploadFile } from '@/services/upload';
import { formatAnnualFee, formatFileSize } from '@/utils/format';
import {
  checkForm,
  errorsFromDetails,
  writeLocalDraft,
  type ApplicationForm,
  type FieldErrors,
} from '../../form';
import { Consents } from './consents';
import './index.scss';
import { showModal } from '@/services/modal';

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

const unitTypeName = (type: UnitType) => UNIT_TYPE_NAMES[type];
/** '' is 未持有, the first choice. */
const CONFORMITY_OPTIONS = ['', ...ITSS_CONFORMITY_LEVELS] as const;

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
  const revealFirstError = useRevealFirstError();

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
  const levelCodes = useMemo(() => offered.map((item) => item.code as ApplicableLevel), [offered]);
  const levelName = useCallback(
    (code: ApplicableLevel) => offered.find((item) => item.code === code)?.name ?? code,
    [offered],
  );

  const licence = useFileUpload('licence', {
    upload: uploadFile,
    onUploaded: (stored) => {
      const uploaded = { id: stored.id, name: stored.name, size: stored.size };
      writeLocalDraft({ licence: uploaded });
      update({ licence: uploaded }, 'licenceFileId');
    },
    onError: (error) => setErrors({ ...errors, licenceFileId: error.message }),
  });

  const submit = async () => {
    const checked = checkForm(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      revealFirstError();
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
        revealFirstError();
        await Taro.showToast({ title: '请按提示修改标红的项目', icon: 'none' });
      } else {
        await showModal({ title: '提交未完成', content: error.message, showCancel: false });
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
    warning?: string | null,
  ) => (
    <FormField block="apply-field" label={label} warning={warning} error={errors[path]}>
      <TextInput
        className={`apply-input apply-input--${path}`}
        value={form[path]}
        placeholder={placeholder}
        maxlength={maxlength}
        onChange={(value) => update({ [path]: value }, path)}
      />
    </FormField>
  );
  const contactInput = (
    key: keyof ApplicationForm['contact'],
    label: string,
    placeholder: string,
    type: 'text' | 'number' = 'text',
  ) => (
    <FormField block="apply-field" label={label} error={errors[`contact.${key}`]}>
      <TextInput
        className={`apply-input apply-input--contact-${key}`}
        type={type}
        value={form.contact[key]}
        placeholder={placeholder}
        maxlength={key === 'email' ? 100 : 30}
        onChange={(value) => updateContact(key, value)}
      />
    </FormField>
  );

  return (
    <View className="apply-form">
      <Section title="单位信息">
        <Card>
          {input('unitName', '单位名称', '与营业执照一致的单位全称', 60)}
          {input(
            'creditCode',
            '统一社会信用代码',
            '18 位，见营业执照',
            18,
            creditCodeWarning(form.creditCode),
          )}
          <FormField block="apply-field" label="单位类型" error={errors.unitType}>
            <SelectPicker
              className="apply-select apply-select--unitType"
              options={UNIT_TYPES}
              nameOf={unitTypeName}
              value={form.unitType || undefined}
              onChange={(unitType) => update({ unitType }, 'unitType')}
              block="apply-picker"
              placeholder="请选择单位类型"
            />
          </FormField>
          <FormField block="apply-field" label="所在地区" error={errors.city}>
            <RegionPicker
              className="apply-select apply-select--region"
              province={form.province}
              city={form.city}
              onChange={(region) => update(region, 'city')}
              block="apply-picker"
            />
          </FormField>
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
          <FormField block="apply-field" label="会员级别" error={errors.level}>
            <SelectPicker
              className="apply-select apply-select--level"
              options={levelCodes}
              nameOf={levelName}
              value={form.level || undefined}
              onChange={(code) => update({ level: code }, 'level')}
              block="apply-picker"
              placeholder="请选择申请的会员级别"
            />
          </FormField>
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
          <FormField block="apply-field" label="ITSS 符合性证书" optional error={errors.itssConformityLevel}>
            <SelectPicker
              className="apply-select apply-select--itss"
              options={CONFORMITY_OPTIONS}
              nameOf={itssConformityName}
              value={form.itssConformityLevel}
              onChange={(itssConformityLevel) => update({ itssConformityLevel }, 'itssConformityLevel')}
              block="apply-picker"
              placeholder="未持有"
            />
          </FormField>
        </Card>
      </Section>

      <Section title="主营业务">
        <Card>
          <FormField
            block="apply-field"
            label="主营业务介绍"
            error={errors.businessDescription}
            hint="20 至 2000 字"
          >
            <TextInput
              multiline
              className="apply-textarea"
              value={form.businessDescription}
              placeholder="简要介绍单位的主营业务、信息技术服务能力与主要客户"
              maxlength={2000}
              autoHeight
              onChange={(value) => update({ businessDescription: value }, 'businessDescription')}
            />
          </FormField>
        </Card>
      </Section>

      <Section title="营业执照">
        <Card>
          <FormField
            block="apply-field"
            label="营业执照"
            error={errors.licenceFileId}
            hint="支持 JPG、PNG 图片或 PDF，不超过 5 MB"
          >
            {form.licence ? (
              <View className="apply-licence">
                <Text className="apply-licence__name">{form.licence.name ?? '已上传的营业执照'}</Text>
                {form.licence.size ? (
                  <Text className="apply-licence__size">{formatFileSize(form.licence.size)}</Text>
                ) : null}
              </View>
            ) : null}
            <BusyButton
              className="apply-licence__pick"
              busy={licence.busy}
              onClick={() => void licence.pick()}
            >
              {form.licence ? '重新上传' : '上传营业执照'}
            </BusyButton>
          </FormField>
        </Card>
      </Section>

      <Consents
        consents={form.consents}
        errors={errors}
        rules={rules}
        onToggle={(key) =>
          update({ consents: { ...form.consents, [key]: !form.consents[key] } }, `consents.${key}`)
        }
      />

      <View className="apply-actions">
        <BusyButton
          className="apply-submit"
          busy={busy}
          disabled={licence.busy}
          onClick={() => void submit()}
        >
          {submitText}
        </BusyButton>
      </View>
    </View>
  );
}
