import { Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { GROUP_CODE_MAX_DAYS, GROUP_CODE_WARN_HOURS, type Group } from '@itss/shared';
import { useState } from 'react';
import { useTask } from '@/components/kit/use-task';
import { BusyButton, FormFailure } from '@/components/kit/form';
import { PickerValue } from '@/components/kit/pickers';
import { uploadGroupCode } from '@/packages/groups/api';
import { pickFile } from '@/services/upload';
import { beijingInstant, beijingParts, formatBeijingTime } from '@/utils/format';

const HOUR = 3600 * 1000;

export function CodeUpload({ group, onUploaded }: { group: Group; onUploaded: () => Promise<unknown> }) {
  // The picker's range is set when the panel opens; the upload checks the chosen time again.
  const [now] = useState(() => Date.now());
  const first = beijingParts(now);
  const last = beijingParts(now + GROUP_CODE_MAX_DAYS * 24 * HOUR);
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const { busy, error, setError, run } = useTask();

  const upload = async () => {
    let expiresAt: string | undefined;
    if (date) {
      const at = beijingInstant(date, time || '23:59');
      if (!(at > Date.now() && at <= Date.now() + GROUP_CODE_MAX_DAYS * 24 * HOUR)) {
        setError(`有效期应在现在之后、${GROUP_CODE_MAX_DAYS} 天之内（微信群二维码 7 天后失效）`);
        return;
      }
      expiresAt = new Date(at).toISOString();
    }
    const file = await pickFile('qrCode');
    if (!file) return;
    await run(async () => {
      await uploadGroupCode(group.id, file, expiresAt);
      setDate('');
      setTime('');
      await Taro.showToast({ title: '已上传', icon: 'success' });
      await onUploaded();
    });
  };

  return (
    <View className="group-upload">
      <Text className="staff-tip">
        在微信群「群聊二维码」页截图后上传。二维码有效期默认为上传起 {GROUP_CODE_MAX_DAYS}{' '}
        天；如二维码页显示的到期时间更早，请选择该时间。
      </Text>
      <View className="group-upload__expiry">
        <Picker
          className="group-upload__date"
          mode="date"
          value={date || last.date}
          start={first.date}
          end={last.date}
          onChange={(event) => setDate(String(event.detail.value))}
        >
          <PickerValue
            block="staff-form"
            className="staff-form__picker"
            text={date}
            placeholder={`到期日期（默认 ${last.date}）`}
          />
        </Picker>
        <Picker
          className="group-upload__time"
          mode="time"
          value={time || '23:59'}
          onChange={(event) => setTime(String(event.detail.value))}
        >
          <PickerValue
            block="staff-form"
            className="staff-form__picker"
            text={time}
            placeholder={date ? '23:59' : `默认 ${last.time}`}
          />
        </Picker>
      </View>
      <FormFailure className="staff-form__error" message={error} />
      <BusyButton
        className="staff-form__submit group-upload__button"
        busy={busy}
        onClick={() => void upload()}
      >
        选择群二维码图片并上传
      </BusyButton>
    </View>
  );
}

export function CodeState({ group }: { group: Group }) {
  const { code } = group;
  const [now] = useState(() => Date.now());
  if (!code) return <Text className="group-code group-code--none">未上传群二维码</Text>;
  if (code.expired)
    return (
      <Text className="group-code group-code--expired">已过期（{formatBeijingTime(code.expiresAt)}）</Text>
    );
  const soon = new Date(code.expiresAt).getTime() - now <= GROUP_CODE_WARN_HOURS * HOUR;
  return (
    <Text className={`group-code${soon ? ' group-code--soon' : ' group-code--valid'}`}>
      有效至 {formatBeijingTime(code.expiresAt)}
      {soon ? '，即将过期' : ''}
    </Text>
  );
}
