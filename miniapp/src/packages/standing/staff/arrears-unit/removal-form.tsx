import { Button, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  REMOVAL_BODIES,
  REMOVAL_GROUNDS,
  REMOVAL_GROUND_NAMES,
  unitRemovalRequestSchema,
  type RemovalBody,
  type RemovalGround,
  type UnitArrears,
} from '@itss/shared';
import { useState } from 'react';
import { FilePicker } from '@/components/kit/file-picker';
import {
  BusyButton,
  FormFailure,
  TextInput,
  fieldErrors,
  fieldErrorsOf,
  type FieldErrors,
} from '@/components/kit/form';
import { PickerValue } from '@/components/kit/pickers';
import { useTask } from '@/components/kit/use-task';
import { COLORS, showModal } from '@/services/modal';
import { beijingToday } from '@/utils/format';
import { StaffChips, StaffField } from '@/packages/staff/components/units';
import { recordRemoval, uploadRemovalDocument } from '@/packages/standing/api';
import { yearsText } from '@/packages/standing/format';

const GROUND_TABS = REMOVAL_GROUNDS.map((value) => ({ value, name: REMOVAL_GROUND_NAMES[value] }));
const BODY_TABS = REMOVAL_BODIES.map((value) => ({ value, name: value }));

const REASON_EXAMPLES: Record<RemovalGround, string> = {
  unpaid_two_years: '如：经多次催缴，仍未交纳两个年度的会费',
  breach: '如：违反分会章程，严重损害分会声誉（须写明事实）',
};

/**
 * 除名: the ground, the body that decided and when, its document number and file, the reason. The
 * unpaid ground is offered only while the unit is proposed (two unpaid years); the server checks
 * again, so a payment that arrived meanwhile is refused with its own message.
 */
export function RemovalForm({ unit, onRecorded }: { unit: UnitArrears; onRecorded: () => Promise<unknown> }) {
  const [ground, setGround] = useState<RemovalGround>(unit.removalProposed ? 'unpaid_two_years' : 'breach');
  const [body, setBody] = useState<RemovalBody | undefined>();
  const [decidedOn, setDecidedOn] = useState('');
  const [documentNumber, setDocumentNumber] = useState('');
  const [reason, setReason] = useState('');
  const [file, setFile] = useState<{ id: number; name: string } | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const { busy, error, setError, run } = useTask();
  const unpaidRefused = ground === 'unpaid_two_years' && !unit.removalProposed;

  const clear = (field: string) => setErrors(({ [field]: _cleared, ...rest }) => rest);

  const submit = async () => {
    setError(null);
    const parsed = unitRemovalRequestSchema.safeParse({
      ground,
      body,
      decidedOn: decidedOn || undefined,
      documentNumber: documentNumber.trim() || undefined,
      reason,
      fileId: file?.id,
    });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    const { confirm } = await showModal({
      title: '确认除名',
      content: `将「${unit.unitName}」除名（${REMOVAL_GROUND_NAMES[ground]}，${parsed.data.body}${parsed.data.decidedOn} 决定）：该单位联系人将不再享有会员服务，已入群的人员列入待移出群聊，并通过消息通知该单位。除名后如需重新入会须提交入会申请。确定吗？`,
      confirmText: '除名',
      confirmColor: COLORS.danger,
    });
    if (!confirm) return;
    await run(
      async () => {
        await recordRemoval(unit.unitId, parsed.data);
        await Taro.showToast({ title: '已记录除名', icon: 'success' });
        await onRecorded();
      },
      (failure) => {
        const byField = fieldErrorsOf(failure);
        if (Object.keys(byField).length) {
          setErrors(byField);
          return null;
        }
        return failure.message;
      },
    );
  };

  return (
    <View className="staff-form removal-form">
      <StaffField label="除名依据" error={errors.ground}>
        <StaffChips
          className="removal-form__grounds"
          tabs={GROUND_TABS}
          value={ground}
          onChange={(value) => {
            if (!value) return;
            clear('ground');
            setGround(value);
          }}
        />
        {unpaidRefused ? (
          <View className="removal-form__refused" role="alert">
            该单位逾期未缴会费不足两个年度，不能以欠缴会费为由除名；如有严重违反分会规定的情形，请选择「
            {REMOVAL_GROUND_NAMES.breach}」并写明事实。
          </View>
        ) : ground === 'unpaid_two_years' ? (
          <Text className="staff-tip removal-form__basis">
            逾期未缴：{yearsText(unit.unpaidYears)}，按分会规定两个年度未按时交纳会费的予以退会或除名。
          </Text>
        ) : null}
      </StaffField>
      <StaffField label="作出决定的机构" error={errors.body}>
        <StaffChips
          className="removal-form__bodies"
          tabs={BODY_TABS}
          value={body}
          onChange={(value) => {
            if (!value) return;
            clear('body');
            setBody(value);
          }}
        />
      </StaffField>
      <StaffField label="决定日期" error={errors.decidedOn}>
        <Picker
          className="removal-form__date"
          mode="date"
          value={decidedOn || beijingToday()}
          end={beijingToday()}
          onChange={(event) => {
            clear('decidedOn');
            setDecidedOn(String(event.detail.value));
          }}
        >
          <PickerValue
            block="staff-form"
            className="staff-form__picker"
            text={decidedOn}
            placeholder="选择会议作出决定的日期"
          />
        </Picker>
      </StaffField>
      <StaffField label="文号" optional error={errors.documentNumber}>
        <TextInput
          className="staff-form__input removal-form__number"
          maxlength={60}
          placeholder="如：ITSS分会〔2026〕5号"
          value={documentNumber}
          onChange={(value) => {
            clear('documentNumber');
            setDocumentNumber(value);
          }}
        />
      </StaffField>
      <StaffField label="除名原因（记入单位状态记录）" error={errors.reason}>
        <TextInput
          multiline
          className="staff-form__textarea removal-form__reason"
          maxlength={500}
          placeholder={REASON_EXAMPLES[ground]}
          value={reason}
          onChange={(value) => {
            clear('reason');
            setReason(value);
          }}
        />
      </StaffField>
      <StaffField label="决定文件" optional hint="会议纪要或决定文件的照片、PDF" error={errors.fileId}>
        {file ? (
          <View className="removal-form__file">
            <Text className="removal-form__file-name">{file.name}</Text>
            <Button className="staff-button" size="mini" onClick={() => setFile(null)}>
              移除
            </Button>
          </View>
        ) : (
          <FilePicker
            kind="licence"
            className="staff-button removal-form__upload"
            size="mini"
            disabled={busy}
            upload={uploadRemovalDocument}
            onUploaded={(stored, picked) => {
              clear('fileId');
              setFile({ id: stored.id, name: picked.name });
            }}
            onError={(failure) => setErrors((current) => ({ ...current, fileId: failure.message }))}
          >
            上传文件
          </FilePicker>
        )}
      </StaffField>
      <FormFailure className="staff-form__error removal-form__failure" message={error} />
      <BusyButton
        className="staff-form__submit removal-form__submit"
        busy={busy}
        disabled={unpaidRefused}
        onClick={() => void submit()}
      >
        记录除名决定
      </BusyButton>
    </View>
  );
}
