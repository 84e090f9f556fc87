import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  STATEMENT_COLUMNS,
  STATEMENT_MAX_LINES,
  formatFen,
  type StatementConfirmResponse,
  type StatementPreview,
} from '@itss/shared';
import { useState } from 'react';
// Before the state sheet (staffOnly's), as in every page that shows cards.
import { Card, Section } from '@/components/section';
import { BusyButton } from '@/components/kit/form';
import { staffOnly } from '@/components/kit/staff-page';
import { ROUTES, routeUrl } from '@/routes';
import { toApiError } from '@/services/http';
import { showModal } from '@/services/modal';
import { pickFile } from '@/services/upload';
import { confirmStatement, downloadStatementTemplate, uploadStatement } from '@/packages/dues/api';
// The sheets in the order the other dues pages load them (the extracted CSS keeps one order).
import '@/packages/dues/staff/components/dues.scss';
import '@/packages/staff/components/units.scss';
import { AssignPanel } from './assign';
import './index.scss';

type Matched = StatementPreview['matched'][number];
type Unmatched = StatementPreview['unmatched'][number];

function Template() {
  return (
    <Card className="statement-template">
      <Text className="statement-template__title">银行流水格式</Text>
      <Text className="staff-tip">
        .xlsx 或 .csv 文件，第一行为表头，依次为：{STATEMENT_COLUMNS.join('、')}。单次最多{' '}
        {STATEMENT_MAX_LINES} 行。
      </Text>
      <Text className="staff-tip">
        各银行导出的流水格式不同：请在导出的表格中保留交易日期、金额（贷方/收入金额）、对方户名、附言（摘要、用途）和流水号（交易流水号、凭证号）所在的列，把它们的表头改为模板中的名称，删去其余列后上传。
      </Text>
      <Text className="staff-tip">
        系统按附言中的汇款识别码匹配账单（对方户名仅作核对），同一流水号只入账一次，重复上传不会重复入账。上传后先预览，确认前不会入账。
      </Text>
      <Button className="statement-template__download" onClick={() => void downloadStatementTemplate()}>
        下载流水模板
      </Button>
    </Card>
  );
}

function MatchedRow({ line }: { line: Matched }) {
  return (
    <View className={line.warning ? 'statement-line statement-line--warning' : 'statement-line'}>
      <View className="statement-line__head">
        <Text className="statement-line__no">第 {line.line} 行</Text>
        <Text className="statement-line__unit">
          {line.unitName} · {line.year} 年度
        </Text>
        <Text className="statement-line__amount">{formatFen(line.amountFen)}</Text>
      </View>
      <Text className="statement-line__meta" userSelect>
        {line.paidOn} · {line.payerName} · 识别码 {line.remittanceCode} · 流水号 {line.bankReference}
      </Text>
      {line.warning ? <Text className="statement-line__warning">请核对：{line.warning}</Text> : null}
    </View>
  );
}

function UnmatchedRow({
  statement,
  line,
  onAssigned,
}: {
  statement: StatementPreview;
  line: Unmatched;
  onAssigned: (billId: number) => void;
}) {
  const [assigning, setAssigning] = useState(false);
  const assignable = line.amountFen !== null && line.assignedBillId === null;
  return (
    <View className="statement-line statement-line--unmatched">
      <View className="statement-line__head">
        <Text className="statement-line__no">第 {line.line} 行</Text>
        <Text className="statement-line__unit">{line.payerName || '（无户名）'}</Text>
        <Text className="statement-line__amount">
          {line.amountFen === null ? '金额无效' : formatFen(line.amountFen)}
        </Text>
      </View>
      <Text className="statement-line__reason">{line.reason}</Text>
      <Text className="statement-line__meta" userSelect>
        {line.paidOn ?? '日期无效'} · 附言 {line.memo || '（空）'} · 流水号 {line.bankReference || '（空）'}
      </Text>
      {line.assignedBillId !== null ? (
        <View className="statement-line__assigned">
          <Text>已指定账单</Text>
          <Text
            className="statement-line__open"
            onClick={() =>
              void Taro.navigateTo({
                url: routeUrl(ROUTES.duesBill, { id: line.assignedBillId ?? undefined }),
              })
            }
          >
            查看账单
          </Text>
        </View>
      ) : null}
      {assignable && !assigning ? (
        <View className="dues-actions">
          <Button
            className="dues-actions__button statement-line__assign"
            size="mini"
            onClick={() => setAssigning(true)}
          >
            指定账单
          </Button>
        </View>
      ) : null}
      {assigning ? (
        <AssignPanel
          statementId={statement.id}
          line={line}
          onCancel={() => setAssigning(false)}
          onAssigned={(billId) => {
            setAssigning(false);
            onAssigned(billId);
          }}
        />
      ) : null}
    </View>
  );
}

function PreviewView({
  statement,
  result,
  busy,
  onConfirm,
  onAgain,
  onAssigned,
}: {
  statement: StatementPreview;
  result: StatementConfirmResponse | null;
  busy: boolean;
  onConfirm: () => void;
  onAgain: () => void;
  onAssigned: (line: number, billId: number) => void;
}) {
  const total = statement.matched.reduce((sum, line) => sum + line.amountFen, 0);
  const warnings = statement.matched.filter((line) => line.warning).length;
  const confirmed = statement.status === 'confirmed';
  return (
    <>
      <Card className="statement-summary">
        <Text className="statement-summary__file">{statement.fileName}</Text>
        <View className="statement-summary__counts">
          <View className="statement-summary__count statement-summary__count--matched">
            <Text className="statement-summary__number">{statement.matched.length}</Text>
            <Text className="statement-summary__label">已匹配</Text>
          </View>
          <View className="statement-summary__count statement-summary__count--warning">
            <Text className="statement-summary__number">{warnings}</Text>
            <Text className="statement-summary__label">需核对</Text>
          </View>
          <View className="statement-summary__count statement-summary__count--unmatched">
            <Text className="statement-summary__number">{statement.unmatched.length}</Text>
            <Text className="statement-summary__label">未匹配</Text>
          </View>
        </View>
        {result ? (
          <View className="dues-notice dues-notice--success statement-result" role="status">
            已入账 {result.credited} 笔
            {result.alreadyCredited ? `；${result.alreadyCredited} 笔的流水号此前已入账，未重复记录` : ''}
          </View>
        ) : confirmed ? (
          <View className="dues-notice dues-notice--warning" role="status">
            该银行流水已确认入账
          </View>
        ) : null}
        <View className="dues-actions">
          {!confirmed && statement.matched.length ? (
            <BusyButton
              className="dues-actions__button dues-actions__button--primary statement-confirm"
              busy={busy}
              onClick={onConfirm}
            >
              确认入账 {statement.matched.length} 笔（{formatFen(total)}）
            </BusyButton>
          ) : null}
          <Button
            className="dues-actions__button statement-again"
            disabled={busy || undefined}
            onClick={onAgain}
          >
            上传其他流水
          </Button>
        </View>
      </Card>
      {statement.matched.length ? (
        <Section title="已匹配" hint="按附言中的汇款识别码">
          <Card className="statement-lines">
            {statement.matched.map((line) => (
              <MatchedRow key={line.line} line={line} />
            ))}
          </Card>
        </Section>
      ) : null}
      {statement.unmatched.length ? (
        <Section title="未匹配" hint="可查找账单后手动指定">
          <Card className="statement-lines">
            {statement.unmatched.map((line) => (
              <UnmatchedRow
                key={line.line}
                statement={statement}
                line={line}
                onAssigned={(billId) => onAssigned(line.line, billId)}
              />
            ))}
          </Card>
        </Section>
      ) : null}
    </>
  );
}

function DuesStatementPage() {
  const [statement, setStatement] = useState<StatementPreview | null>(null);
  const [result, setResult] = useState<StatementConfirmResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const choose = async () => {
    const file = await pickFile('spreadsheetOrCsv');
    if (!file) return;
    setError(null);
    setBusy(true);
    try {
      const preview = await uploadStatement(file);
      setResult(null);
      setStatement(preview);
    } catch (thrown) {
      setStatement(null);
      setError(toApiError(thrown).message);
    } finally {
      setBusy(false);
    }
  };

  const confirm = async (preview: StatementPreview) => {
    const { confirm: sure } = await showModal({
      title: '确认入账',
      content: `将 ${preview.matched.length} 笔已匹配的流水记入对应账单。同一流水号只入账一次。确定吗？`,
      confirmText: '入账',
    });
    if (!sure) return;
    setError(null);
    setBusy(true);
    try {
      setResult(await confirmStatement(preview.id));
      setStatement({ ...preview, status: 'confirmed' });
    } catch (thrown) {
      setError(toApiError(thrown).message);
    } finally {
      setBusy(false);
    }
  };

  const assigned = (line: number, billId: number) =>
    setStatement(
      (previous) =>
        previous && {
          ...previous,
          unmatched: previous.unmatched.map((item) =>
            item.line === line ? { ...item, assignedBillId: billId } : item,
          ),
        },
    );

  return (
    <View className="page staff-page dues-statement">
      {statement ? (
        <PreviewView
          statement={statement}
          result={result}
          busy={busy}
          onConfirm={() => void confirm(statement)}
          onAgain={() => void choose()}
          onAssigned={assigned}
        />
      ) : (
        <>
          <Template />
          <BusyButton
            className="staff-form__submit statement-choose"
            busy={busy}
            onClick={() => void choose()}
          >
            选择银行流水文件
          </BusyButton>
          {process.env.TARO_ENV === 'h5' ? null : (
            <Text className="staff-tip statement-choose__tip">在微信中从聊天记录选择 .xlsx 或 .csv 文件</Text>
          )}
        </>
      )}
      {error ? (
        <View className="staff-form__error statement-error" role="alert">
          {error}
        </View>
      ) : null}
    </View>
  );
}

export default staffOnly(DuesStatementPage);
