import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ErrorCode, surveyAnswerSchema, type Material, type Registration } from '@itss/shared';
import { useCallback, useState } from 'react';
import { BusyButton, FormFailure, TextInput } from '@/components/kit/form';
import { useTask } from '@/components/kit/use-task';
import { Card, Section } from '@/components/section';
import { EmptyState, ErrorState, Loading } from '@/components/state';
import { ApiError } from '@/services/http';
import { downloadWithToken, releaseDownload, saveAs } from '@/services/download';
import { showModal } from '@/services/modal';
import { isH5 } from '@/services/session';
import { useRequest } from '@/services/useRequest';
import { copyText } from '@/utils/actions';
import { formatBeijingDate, formatFileSize } from '@/utils/format';
import {
  answerSurvey,
  attendanceCertificatePdfPath,
  getAttendanceCertificate,
  getMaterials,
} from '@/packages/events/api';

/** A PDF fetched with the token: WeChat's viewer (share or save from there), a file in a browser. */
async function openPdf(path: string, fileName: string, failure: string): Promise<void> {
  // The mask keeps a second tap from starting a second download.
  void Taro.showLoading({ title: '正在下载…', mask: true });
  let localPath: string | null = null;
  try {
    localPath = await downloadWithToken(path);
    void Taro.hideLoading();
    if (isH5()) saveAs(localPath, fileName);
    else await Taro.openDocument({ filePath: localPath, fileType: 'pdf', showMenu: true });
  } catch (thrown) {
    void Taro.hideLoading();
    // openDocument fails with WeChat's errMsg, which is no message for a person.
    const message = thrown instanceof ApiError ? thrown.message : failure;
    await showModal({ title: '下载失败', content: message, showCancel: false });
  } finally {
    if (localPath) releaseDownload(localPath);
  }
}

/** 培训证明: checked in at a training; its number, hours and the PDF with the QR of the public check. */
export function CertificatePanel({ registration }: { registration: Registration }) {
  const load = useCallback(() => getAttendanceCertificate(registration.id), [registration.id]);
  const { state, reload } = useRequest(load);
  return (
    <Section title="培训证明">
      <Card className="ticket-certificate">
        {state.status === 'loading' ? <Loading /> : null}
        {state.status === 'error' ? (
          <ErrorState message={state.error.message} onRetry={() => void reload()} />
        ) : null}
        {state.status === 'success' ? (
          <>
            <View className="ticket-line">
              <Text className="ticket-line__label">证明编号</Text>
              <Text className="ticket-line__value">{state.data.number}</Text>
            </View>
            <View className="ticket-line">
              <Text className="ticket-line__label">培训日期</Text>
              <Text className="ticket-line__value">{state.data.attendedOn}</Text>
            </View>
            <View className="ticket-line">
              <Text className="ticket-line__label">学时</Text>
              <Text className="ticket-line__value">{state.data.hours} 学时</Text>
            </View>
            <View className="ticket-certificate__actions">
              <Button
                className="ticket-certificate__download"
                onClick={() =>
                  void openPdf(
                    attendanceCertificatePdfPath(registration.id),
                    `培训证明-${state.data.number}.pdf`,
                    '无法打开培训证明，请稍后重试',
                  )
                }
              >
                下载培训证明
              </Button>
              <Text className="ticket-certificate__copy" onClick={() => void copyText(state.data.verifyUrl)}>
                复制核验链接
              </Text>
            </View>
            <Text className="ticket-certificate__hint">证明上的二维码可供单位或第三方扫码核验真伪。</Text>
          </>
        ) : null}
      </Card>
    </Section>
  );
}

const RATINGS = [1, 2, 3, 4, 5] as const;
const RATING_WORDS = ['', '很不满意', '不满意', '一般', '满意', '非常满意'];

/** 满意度评价: attendees rate the event 1–5 with an optional comment, once. */
export function SurveyPanel({ registration, onDone }: { registration: Registration; onDone: () => void }) {
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const task = useTask();
  const submit = () => {
    const parsed = surveyAnswerSchema.safeParse({ rating, comment });
    if (!parsed.success) {
      task.setError(parsed.error.issues[0]?.message ?? '请打分');
      return;
    }
    void task.run(async () => {
      await answerSurvey(registration.id, parsed.data);
      void Taro.showToast({ title: '感谢您的评价', icon: 'success' });
      onDone();
    });
  };
  return (
    <Section title="满意度评价">
      <Card className="ticket-survey">
        <Text className="ticket-survey__ask">您对本次活动满意吗？</Text>
        <View className="ticket-survey__stars" role="radiogroup" aria-label="评分">
          {RATINGS.map((value) => (
            <View
              key={value}
              role="radio"
              aria-checked={value === rating}
              aria-label={`${value} 分`}
              className={
                value <= rating ? 'ticket-survey__star ticket-survey__star--on' : 'ticket-survey__star'
              }
              onClick={() => setRating(value)}
            >
              ★
            </View>
          ))}
          <Text className="ticket-survey__word">{RATING_WORDS[rating]}</Text>
        </View>
        <TextInput
          multiline
          className="ticket-survey__comment"
          value={comment}
          onChange={setComment}
          maxlength={300}
          placeholder="意见和建议（选填）"
        />
        <FormFailure className="ticket-survey__failure" message={task.error} />
        <BusyButton className="ticket-survey__submit" busy={task.busy} onClick={submit}>
          提交评价
        </BusyButton>
      </Card>
    </Section>
  );
}

/** The event's materials, or null when the server shows them to none but registrants (404). */
async function loadMaterials(eventId: number): Promise<Material[] | null> {
  try {
    return (await getMaterials(eventId)).items;
  } catch (thrown) {
    if (thrown instanceof ApiError && thrown.code === ErrorCode.NotFound) return null;
    throw thrown;
  }
}

/** 活动资料: the PDFs staff uploaded, readable by registrants only. */
export function MaterialsPanel({ eventId }: { eventId: number }) {
  const load = useCallback(() => loadMaterials(eventId), [eventId]);
  const { state, reload } = useRequest(load);
  if (state.status === 'success' && state.data === null) return null;
  return (
    <Section title="活动资料">
      <Card className="ticket-materials">
        {state.status === 'loading' ? <Loading /> : null}
        {state.status === 'error' ? (
          <ErrorState message={state.error.message} onRetry={() => void reload()} />
        ) : null}
        {state.status === 'success' && state.data && !state.data.length ? (
          <EmptyState text="暂无活动资料，上传后可在此查看" />
        ) : null}
        {state.status === 'success' && state.data
          ? state.data.map((material) => (
              <View
                key={material.id}
                className="ticket-material"
                onClick={() =>
                  void openPdf(material.url, `${material.title}.pdf`, '无法打开该资料，请稍后重试')
                }
              >
                <Text className="ticket-material__type">PDF</Text>
                <Text className="ticket-material__name">{material.title}</Text>
                <Text className="ticket-material__meta">
                  {formatFileSize(material.sizeBytes)} · {formatBeijingDate(material.createdAt)}
                </Text>
              </View>
            ))
          : null}
      </Card>
    </Section>
  );
}
