import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { LEVELS, seatLimitsSchema, type LevelCode, type SeatLimits } from '@itss/shared';
import { useState } from 'react';
import { BusyButton, FormFailure, TextInput } from '@/components/kit/form';
import { useTask } from '@/components/kit/use-task';
import { Card, Section } from '@/components/section';
import { RequestView } from '@/components/state';
import { getSeatLimits, putSeatLimits } from '@/packages/unit/api';
import { useRequest } from '@/services/useRequest';
import '@/packages/staff/components/units.scss';
import './index.scss';
import { staffOnly } from '@/components/kit/staff-page';

type Draft = Record<LevelCode, string>;

const draftOf = (limits: SeatLimits['limits']): Draft =>
  Object.fromEntries(LEVELS.map((level) => [level.code, String(limits[level.code])])) as Draft;

function SeatLimitsForm({ saved }: { saved: SeatLimits }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(saved.limits));
  const { busy, error, setError, run } = useTask();

  const submit = async () => {
    const limits = Object.fromEntries(
      LEVELS.map((level) => {
        const text = draft[level.code].trim();
        return [level.code, text === '' ? undefined : Number(text)];
      }),
    );
    const parsed = seatLimitsSchema.safeParse({ limits });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const level = LEVELS.find((item) => item.code === issue?.path[1]);
      setError(`${level ? `${level.name}：` : ''}${issue?.message ?? '请填写名额'}`);
      return;
    }
    await run(async () => {
      const next = await putSeatLimits(parsed.data);
      setDraft(draftOf(next.limits));
      await Taro.showToast({ title: '已保存', icon: 'success' });
    });
  };

  return (
    <Card className="staff-form seat-limits">
      {LEVELS.map((level) => (
        <View key={level.code} className="seat-limits__row">
          <Text className="seat-limits__level">{level.name}</Text>
          <TextInput
            className={`staff-form__input seat-limits__input seat-limits__input--${level.code}`}
            type="number"
            maxlength={3}
            value={draft[level.code]}
            onChange={(value) => setDraft((previous) => ({ ...previous, [level.code]: value }))}
          />
          <Text className="seat-limits__unit">人</Text>
        </View>
      ))}
      <FormFailure className="staff-form__error" message={error} />
      <BusyButton className="staff-form__submit" busy={busy} onClick={() => void submit()}>
        保存
      </BusyButton>
    </Card>
  );
}

/** How many contacts a unit may have at each level; a full unit refuses new contacts. */
function SeatLimitsPage() {
  const { state, reload } = useRequest(getSeatLimits);
  return (
    <View className="page staff-page seat-limits-page">
      <Section title="每家单位的联系人名额" hint="已超出新名额的单位不受影响，但不能再添加联系人">
        <RequestView state={state} onRetry={() => void reload()}>
          {(limits) => <SeatLimitsForm saved={limits} />}
        </RequestView>
      </Section>
    </View>
  );
}

export default staffOnly(SeatLimitsPage);
