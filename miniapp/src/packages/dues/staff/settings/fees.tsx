import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  LEVEL_CODES,
  formatFen,
  parseYuanToFen,
  type FeesFen,
  type FeesResponse,
  type LevelCode,
} from '@itss/shared';
import { useState } from 'react';
import { BusyButton, FormFailure, TextInput } from '@/components/kit/form';
import { useTask } from '@/components/kit/use-task';
import { formatBeijingTime, levelName } from '@/utils/format';
import { putFees } from '@/packages/dues/api';

type FeeYear = FeesResponse['years'][number];
type Draft = Record<LevelCode, string>;

const yuanText = (fen: number) => (fen % 100 ? (fen / 100).toFixed(2) : String(fen / 100));

/** One year's fees; a year still editable opens into yuan fields, each checked before saving. */
function FeeYearCard({ fees, onSaved }: { fees: FeeYear; onSaved: () => Promise<unknown> }) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Partial<Record<LevelCode, string>>>({});
  const { busy, error, run } = useTask();

  const edit = () =>
    setDraft(
      Object.fromEntries(LEVEL_CODES.map((code) => [code, yuanText(fees.feesFen[code] ?? 0)])) as Draft,
    );

  const save = async (current: Draft) => {
    const found: Partial<Record<LevelCode, string>> = {};
    const feesFen = {} as FeesFen;
    for (const code of LEVEL_CODES) {
      const fen = parseYuanToFen(current[code]);
      if (fen === null) found[code] = '请填写金额（元），最多两位小数';
      else feesFen[code] = fen;
    }
    setErrors(found);
    if (Object.keys(found).length) return;
    await run(async () => {
      await putFees(fees.year, feesFen);
      setDraft(null);
      await Taro.showToast({ title: '已保存', icon: 'success' });
      await onSaved();
    });
  };

  return (
    <View className={`fee-year fee-year--${fees.year}`}>
      <View className="fee-year__head">
        <Text className="fee-year__title">{fees.year} 年度</Text>
        {fees.isDefault ? <Text className="fee-year__tag">手册标准</Text> : null}
        {fees.editable ? null : <Text className="fee-year__locked">已锁定</Text>}
        {fees.editable && !draft ? (
          <Button className="staff-button fee-year__edit" size="mini" onClick={edit}>
            修改
          </Button>
        ) : null}
      </View>
      {LEVEL_CODES.map((code) => (
        <View key={code} className="fee-year__row">
          <Text className="fee-year__level">{levelName(code)}</Text>
          {draft ? (
            <View className="fee-year__field">
              <TextInput
                className={`staff-form__input fee-year__input fee-year__input--${code}`}
                type="digit"
                maxlength={12}
                value={draft[code]}
                onChange={(value) => setDraft({ ...draft, [code]: value })}
              />
              <Text className="fee-year__unit">元</Text>
            </View>
          ) : (
            <Text className="fee-year__amount">{formatFen(fees.feesFen[code] ?? 0)}</Text>
          )}
          {errors[code] && draft ? (
            <Text className="staff-form__error fee-year__error">{errors[code]}</Text>
          ) : null}
        </View>
      ))}
      {draft ? (
        <>
          <FormFailure className="staff-form__error" message={error} />
          <View className="dues-actions">
            <BusyButton
              className="dues-actions__button dues-actions__button--primary fee-year__save"
              size="mini"
              busy={busy}
              onClick={() => void save(draft)}
            >
              保存 {fees.year} 年度会费标准
            </BusyButton>
            <Button className="dues-actions__button" size="mini" onClick={() => setDraft(null)}>
              取消
            </Button>
          </View>
        </>
      ) : null}
    </View>
  );
}

export function FeesPanel({ fees, onSaved }: { fees: FeesResponse; onSaved: () => Promise<unknown> }) {
  return (
    <>
      {fees.years.map((year) => (
        <FeeYearCard key={year.year} fees={year} onSaved={onSaved} />
      ))}
    </>
  );
}

export function FeeHistory({ history }: { history: FeesResponse['history'] }) {
  if (!history.length) return <Text className="staff-tip">会费标准尚未修改过，一直按《会员手册》执行。</Text>;
  return (
    <>
      {history.map((change) => (
        <View key={`${change.at}-${change.year}-${change.level}`} className="record-history__row">
          <View className="record-history__head">
            <Text className="record-history__state">
              {change.year} 年度 {levelName(change.level)}：{formatFen(change.fromFen)} →{' '}
              {formatFen(change.toFen)}
            </Text>
          </View>
          <Text className="record-history__by">
            {change.actorName ?? '系统'} · {formatBeijingTime(change.at)}
          </Text>
        </View>
      ))}
    </>
  );
}
