import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  LEVELS,
  UNIT_IMPORT_ACTION_NAMES,
  UNIT_IMPORT_MAX_ROWS,
  UNIT_SHEET_COLUMNS,
  UNIT_STATUS_NAMES,
  UNIT_TYPES,
  UNIT_TYPE_NAMES,
  UnitError,
  type UnitImportPreview,
} from '@itss/shared';
import { useState } from 'react';
import { BusyButton } from '@/components/kit/form';
import { Card, Section } from '@/components/section';
import { toApiError } from '@/services/http';
import { pickFile } from '@/services/upload';
import { confirmImport, downloadImportTemplate, previewImport } from '@/packages/unit/api';
import { formatBeijingTime } from '@/utils/format';
import '@/packages/staff/components/units.scss';
import './index.scss';
import { ROUTES, routeUrl } from '@/routes';
import { staffOnly } from '@/components/kit/staff-page';

type Step =
  | { kind: 'choose'; notice: string | null }
  | { kind: 'preview'; fileName: string; preview: UnitImportPreview }
  | { kind: 'done'; created: number; updated: number };

/** A preview that can no longer be confirmed: the sheet has to be checked again. */
const START_OVER: readonly string[] = [UnitError.ImportExpired, UnitError.ImportStale];

function Template() {
  return (
    <Card className="import-template">
      <Text className="import-template__title">表格格式</Text>
      <Text className="staff-tip">
        .xlsx 文件，第一个工作表的第一行为表头，依次为：
        {UNIT_SHEET_COLUMNS.map((column) => column.header).join('、')}。
      </Text>
      <Text className="staff-tip">
        单位类型填{UNIT_TYPES.map((type) => UNIT_TYPE_NAMES[type]).join('/')}；会员级别填
        {LEVELS.map((level) => level.name).join('/')}；入会日期如 2019-06-01；状态填
        {Object.values(UNIT_STATUS_NAMES).join('/')}，留空即为正常。
      </Text>
      <Text className="staff-tip">
        从「会员单位」导出的表格可直接修改后导入：统一社会信用代码已在名单中的单位按表格更新，其余行新增为会员单位；状态的变更需填写原因，请在单位详情中操作。导出表格中的地址、联系人、会费等附加列导入时忽略。
      </Text>
      <Text className="staff-tip">
        单次最多 {UNIT_IMPORT_MAX_ROWS} 行；上传后先预览新增和更新的内容，确认前不会写入任何数据。
      </Text>
      <Button className="import-template__download" onClick={() => void downloadImportTemplate()}>
        下载导入模板
      </Button>
    </Card>
  );
}

function PreviewView({
  fileName,
  preview,
  busy,
  onConfirm,
  onAgain,
}: {
  fileName: string;
  preview: UnitImportPreview;
  busy: boolean;
  onConfirm: () => void;
  onAgain: () => void;
}) {
  const bad = preview.rows.filter((row) => row.errors.length > 0);
  const updates = preview.rows.filter((row) => row.action === 'update');
  const counts: { tone: string; count: number; label: string }[] = [
    { tone: 'create', count: preview.createCount, label: UNIT_IMPORT_ACTION_NAMES.create },
    { tone: 'update', count: preview.updateCount, label: UNIT_IMPORT_ACTION_NAMES.update },
    { tone: 'unchanged', count: preview.unchangedCount, label: UNIT_IMPORT_ACTION_NAMES.unchanged },
    { tone: 'error', count: preview.errorCount, label: '有问题' },
  ];
  return (
    <>
      <Card className="import-summary">
        <Text className="import-summary__file">{fileName}</Text>
        <View className="import-summary__counts">
          {counts.map(({ tone, count, label }) => (
            <View key={tone} className={`import-summary__count import-summary__count--${tone}`}>
              <Text className="import-summary__number">{count}</Text>
              <Text className="import-summary__label">{label}</Text>
            </View>
          ))}
        </View>
        <Text className="staff-tip">
          预览保留到 {formatBeijingTime(preview.expiresAt)}。
          {preview.errorCount ? '有问题的行不会导入，可修改表格后重新上传。' : ''}
        </Text>
        <View className="import-summary__actions">
          {preview.validCount > 0 ? (
            <BusyButton
              className="staff-form__submit import-summary__confirm"
              busy={busy}
              onClick={onConfirm}
            >
              确认导入 {preview.validCount} 家单位
              {preview.updateCount ? `（更新 ${preview.updateCount} 家）` : ''}
            </BusyButton>
          ) : (
            <View className="import-summary__none" role="alert">
              没有可导入的有效行，请按下方提示修改表格后重新上传
            </View>
          )}
          <Button className="import-summary__again" disabled={busy || undefined} onClick={onAgain}>
            重新选择文件
          </Button>
        </View>
      </Card>
      {updates.length ? (
        <Section title="将更新的单位" hint={`共 ${updates.length} 家，按统一社会信用代码对应`}>
          <Card className="import-updates">
            {updates.map((row) => (
              <View key={row.row} className="import-update">
                <View className="import-error__head">
                  <Text className="import-update__row">第 {row.row} 行</Text>
                  <Text className="import-error__unit">{row.name}</Text>
                </View>
                {row.changes.map((change) => (
                  <Text key={change.column} className="import-update__change">
                    {change.column}：{change.from || '（空）'} → {change.to || '（空）'}
                  </Text>
                ))}
              </View>
            ))}
          </Card>
        </Section>
      ) : null}
      {bad.length ? (
        <Section title="有问题的行" hint={`共 ${bad.length} 行`}>
          <Card className="import-errors">
            {bad.map((row) => (
              <View key={row.row} className="import-error">
                <View className="import-error__head">
                  <Text className="import-error__row">第 {row.row} 行</Text>
                  <Text className="import-error__unit">{row.name || '（未填单位名称）'}</Text>
                </View>
                {row.creditCode ? <Text className="import-error__code">{row.creditCode}</Text> : null}
                {row.errors.map((error) => (
                  <Text key={error} className="import-error__message">
                    · {error}
                  </Text>
                ))}
              </View>
            ))}
          </Card>
        </Section>
      ) : null}
    </>
  );
}

function UnitsImportPage() {
  const [step, setStep] = useState<Step>({ kind: 'choose', notice: null });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const choose = async () => {
    const file = await pickFile('spreadsheet');
    if (!file) return;
    setError(null);
    setBusy(true);
    try {
      const preview = await previewImport(file);
      setStep({ kind: 'preview', fileName: file.name, preview });
    } catch (thrown) {
      setStep({ kind: 'choose', notice: null });
      setError(toApiError(thrown).message);
    } finally {
      setBusy(false);
    }
  };

  const confirm = async (preview: UnitImportPreview) => {
    setError(null);
    setBusy(true);
    try {
      const { created, updated } = await confirmImport(preview.importId);
      setStep({ kind: 'done', created, updated });
    } catch (thrown) {
      const failure = toApiError(thrown);
      if (START_OVER.includes(failure.code)) setStep({ kind: 'choose', notice: failure.message });
      else setError(failure.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page staff-page units-import">
      {step.kind === 'done' ? (
        <Card className="import-done">
          <Text className="import-done__title">
            {step.updated
              ? `已新增 ${step.created} 家、已更新 ${step.updated} 家会员单位`
              : `已导入 ${step.created} 家会员单位`}
          </Text>
          {step.created ? (
            <Text className="staff-tip">新增的单位还没有联系人，可在单位详情中邀请联系人。</Text>
          ) : null}
          <Button
            className="staff-form__submit"
            onClick={() => void Taro.redirectTo({ url: routeUrl(ROUTES.units) })}
          >
            查看会员单位
          </Button>
          <Button className="import-summary__again" onClick={() => setStep({ kind: 'choose', notice: null })}>
            继续导入
          </Button>
        </Card>
      ) : step.kind === 'preview' ? (
        <PreviewView
          fileName={step.fileName}
          preview={step.preview}
          busy={busy}
          onConfirm={() => void confirm(step.preview)}
          onAgain={() => void choose()}
        />
      ) : (
        <>
          <Template />
          {step.notice ? (
            <View className="import-notice" role="alert">
              {step.notice}
            </View>
          ) : null}
          <BusyButton className="staff-form__submit import-choose" busy={busy} onClick={() => void choose()}>
            {step.notice ? '重新上传表格' : '选择 Excel 表格'}
          </BusyButton>
          {process.env.TARO_ENV === 'h5' ? null : (
            <Text className="staff-tip import-choose__tip">在微信中从聊天记录选择 .xlsx 文件</Text>
          )}
        </>
      )}
      {error ? (
        <View className="staff-form__error import-error-line" role="alert">
          {error}
        </View>
      ) : null}
    </View>
  );
}

export default staffOnly(UnitsImportPage);
