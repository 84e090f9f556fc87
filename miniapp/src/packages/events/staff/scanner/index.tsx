import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { CHECK_IN_RESULT_TEXTS, type CheckInResult, type EventDetail } from '@itss/shared';
import { useState } from 'react';
import { TextInput } from '@/components/kit/form';
import { staffOnly } from '@/components/kit/staff-page';
import { RequestView } from '@/components/state';
import { isH5 } from '@/services/session';
import { useRequest } from '@/services/useRequest';
import { formatBeijingTime } from '@/utils/format';
import { getEventForStaff } from '@/packages/events/api';
import { MissingEvent, eventIdOf } from '@/packages/events/staff/components/parts';
import { CameraScanner } from './camera';
import { useCheckInQueue, type ScanOutcome } from './queue';
import './index.scss';

/** The panel's tone: green to let in, amber to look twice, red to stop. */
const TONES: Record<CheckInResult, 'ok' | 'warn' | 'stop'> = {
  checked_in: 'ok',
  already_checked_in: 'warn',
  wrong_event: 'stop',
  cancelled: 'stop',
  not_confirmed: 'stop',
  unknown: 'stop',
};

function outcomeView(outcome: ScanOutcome): { tone: string; title: string; lines: string[] } {
  switch (outcome.kind) {
    case 'answer': {
      const { answer } = outcome;
      const lines = [answer.name, answer.sessionTitle].filter((line): line is string => !!line);
      if (answer.result === 'already_checked_in' && answer.checkedInAt)
        lines.push(`首次签到 ${formatBeijingTime(answer.checkedInAt)}`);
      if (outcome.fromQueue) lines.push('离线扫码，联网后已提交');
      return { tone: TONES[answer.result], title: CHECK_IN_RESULT_TEXTS[answer.result], lines };
    }
    case 'queued':
      return {
        tone: 'queued',
        title: outcome.again ? '该票已在待提交队列中' : '已离线保存',
        lines: ['网络恢复后自动提交签到，请先放行并记下姓名'],
      };
    case 'malformed':
      return { tone: 'stop', title: CHECK_IN_RESULT_TEXTS.unknown, lines: ['这不是本系统的活动票码'] };
    case 'error':
      return { tone: 'stop', title: '签到未完成', lines: [outcome.message] };
  }
}

function ResultPanel({ outcome }: { outcome: ScanOutcome | null }) {
  if (!outcome)
    return (
      <View className="scan-result scan-result--idle">
        <Text className="scan-result__title">请扫描参会人的电子票</Text>
      </View>
    );
  const view = outcomeView(outcome);
  return (
    <View className={`scan-result scan-result--${view.tone}`} role="status" aria-live="assertive">
      <Text className="scan-result__title">{view.title}</Text>
      {view.lines.map((line) => (
        <Text key={line} className="scan-result__line">
          {line}
        </Text>
      ))}
    </View>
  );
}

async function scanWithWechat(): Promise<string | null> {
  try {
    const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
    return result;
  } catch {
    // Closed without a scan.
    return null;
  }
}

function Scanner({ event }: { event: EventDetail }) {
  const queue = useCheckInQueue(event.id);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (text: string) => {
    if (!text.trim()) return;
    setBusy(true);
    try {
      await queue.submit(text);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page staff-page event-scanner">
      <Text className="event-scanner__title">{event.title}</Text>
      <View className="event-scanner__count">
        <Text className="event-scanner__count-label">已签到</Text>
        <Text className="event-scanner__count-number">{queue.count ?? '—'}</Text>
        <Text className="event-scanner__count-label">人</Text>
      </View>
      <ResultPanel outcome={queue.outcome} />
      {queue.pending ? (
        <View className="event-scanner__pending" role="alert">
          <Text>离线待提交 {queue.pending} 条，网络恢复后自动提交</Text>
          <Button className="event-scanner__retry" size="mini" onClick={() => void queue.flush()}>
            立即重试
          </Button>
        </View>
      ) : null}
      {isH5() ? (
        <View className="event-scanner__typed">
          <CameraScanner onCode={(code) => void submit(code)} />
          <View className="event-scanner__row">
            <TextInput
              className="event-scanner__input"
              maxlength={100}
              placeholder="输入或用扫码枪录入票码"
              // A scanner gun types into the focused field and presses Enter.
              focus
              confirmType="done"
              value={typed}
              onChange={setTyped}
              onConfirm={() => {
                void submit(typed);
                setTyped('');
              }}
            />
            <Button
              className="event-scanner__submit"
              loading={busy}
              onClick={() => {
                void submit(typed);
                setTyped('');
              }}
            >
              签到
            </Button>
          </View>
        </View>
      ) : (
        <Button
          className="event-scanner__scan"
          onClick={() => void scanWithWechat().then((code) => (code ? submit(code) : undefined))}
        >
          扫码签到
        </Button>
      )}
      {queue.recent.length ? (
        <View className="event-scanner__recent">
          <Text className="event-scanner__recent-title">本次签到记录</Text>
          {queue.recent.map(({ key, outcome }) => {
            const view = outcomeView(outcome);
            return (
              <View key={key} className={`scan-row scan-row--${view.tone}`}>
                <Text className="scan-row__title">{view.title}</Text>
                <Text className="scan-row__line">{view.lines[0] ?? ''}</Text>
              </View>
            );
          })}
        </View>
      ) : null}
    </View>
  );
}

function ScannerPage() {
  const id = eventIdOf(useRouter().params);
  if (id === null) return <MissingEvent />;
  return <ScannerLoader id={id} />;
}

function ScannerLoader({ id }: { id: number }) {
  const { state, reload } = useRequest(() => getEventForStaff(id));
  return (
    <RequestView state={state} onRetry={() => void reload()}>
      {(event) => <Scanner event={event} />}
    </RequestView>
  );
}

export default staffOnly(ScannerPage);
