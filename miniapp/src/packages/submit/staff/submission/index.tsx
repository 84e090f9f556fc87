import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  ARTICLE_CATEGORY_NAMES,
  ARTICLE_STATE_MACHINE,
  ARTICLE_STATE_NAMES,
  canTransition,
  SubmissionError,
  submissionDecisionRequestSchema,
  type Submission,
} from '@itss/shared';
import { useState } from 'react';
import { RecordPage } from '@/components/kit/record-page';
import { BusyButton, TextInput } from '@/components/kit/form';
import { StatusBadge } from '@/components/kit/badges';
import { ArticlePreview } from '@/components/article-editor/preview';
import { Card, Section } from '@/components/section';
import { decideSubmission, getSubmission } from '@/packages/submit/api';
import { toApiError } from '@/services/http';
import { formatBeijingTime } from '@/utils/format';
import '@/packages/staff/components/units.scss';
import '@/packages/staff/components/articles.scss';
import './index.scss';
import { showModal } from '@/services/modal';
import { staffOnly } from '@/components/kit/staff-page';

function Decision({ submission, onDecided }: { submission: Submission; onDecided: () => Promise<void> }) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const decide = async (decision: 'approve' | 'reject') => {
    const parsed = submissionDecisionRequestSchema.safeParse(
      decision === 'approve' ? { decision } : { decision, reason },
    );
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请填写退回原因');
      return;
    }
    if (decision === 'approve') {
      const { confirm } = await showModal({
        title: '通过投稿',
        content: '通过后将立即发布。确定通过吗？',
      });
      if (!confirm) return;
    }
    setError(null);
    setBusy(true);
    try {
      await decideSubmission(submission.id, parsed.data);
      await Taro.showToast({ title: decision === 'approve' ? '已通过并发布' : '已退回', icon: 'success' });
      await onDecided();
    } catch (thrown) {
      const apiError = toApiError(thrown);
      if (apiError.code === SubmissionError.AlreadyDecided) {
        // Another staff member got there first: show what they decided.
        await showModal({ title: '已处理', content: apiError.message, showCancel: false });
        await onDecided();
      } else {
        setError(apiError.message);
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card className="staff-form submission-decision">
      {rejecting ? (
        <View className="staff-form__field">
          <Text className="staff-form__label">退回原因（投稿人会在消息中看到）</Text>
          <TextInput
            multiline
            className="staff-form__textarea submission-decision__reason"
            maxlength={200}
            placeholder="请写明需要修改的地方，至少 2 个字"
            value={reason}
            onChange={setReason}
          />
        </View>
      ) : null}
      {error ? (
        <View className="staff-form__error" role="alert">
          {error}
        </View>
      ) : null}
      <View className="submission-decision__actions">
        {rejecting ? (
          <>
            <Button
              className="staff-button staff-button--danger submission-decision__confirm-reject"
              disabled={busy || undefined}
              onClick={() => void decide('reject')}
            >
              确认退回
            </Button>
            <Button className="staff-button" onClick={() => setRejecting(false)}>
              取消
            </Button>
          </>
        ) : (
          <>
            <BusyButton
              className="staff-button staff-button--primary submission-decision__approve"
              busy={busy}
              onClick={() => void decide('approve')}
            >
              通过
            </BusyButton>
            <Button
              className="staff-button staff-button--danger submission-decision__reject"
              disabled={busy || undefined}
              onClick={() => setRejecting(true)}
            >
              退回
            </Button>
          </>
        )}
      </View>
    </Card>
  );
}

function Review({ submission, onDecided }: { submission: Submission; onDecided: () => Promise<void> }) {
  const meta = `${ARTICLE_CATEGORY_NAMES[submission.category]} · ${submission.unit.name}`;
  return (
    <View className="page staff-page submission-page">
      <View className="submission-page__head">
        <StatusBadge block="article-state" state={submission.state} names={ARTICLE_STATE_NAMES} />
        {submission.flagged ? <Text className="article-state article-state--flagged">需人工复核</Text> : null}
        <Text className="submission-page__meta">
          {submission.submitterName} 提交于 {formatBeijingTime(submission.submittedAt)}
        </Text>
      </View>
      {submission.flagged ? (
        <Text className="staff-tip submission-page__flag">
          微信内容安全检测建议人工复核，请仔细阅读后再决定。
        </Text>
      ) : null}
      <Section title="读者将看到">
        <Card>
          <ArticlePreview
            title={submission.title}
            meta={meta}
            summary={submission.summary}
            coverUrl={submission.coverUrl}
            body={submission.body}
          />
        </Card>
      </Section>
      {canTransition(ARTICLE_STATE_MACHINE, submission.state, 'rejected') ? (
        <Decision submission={submission} onDecided={onDecided} />
      ) : (
        <Card className="submission-page__decided">
          <Text className="staff-tip">
            {ARTICLE_STATE_NAMES[submission.state]}
            {submission.decidedAt ? ` · ${formatBeijingTime(submission.decidedAt)}` : ''}
            {submission.rejectReason ? ` · 原因：${submission.rejectReason}` : ''}
          </Text>
        </Card>
      )}
    </View>
  );
}

function SubmissionReviewPage() {
  return (
    <RecordPage load={getSubmission} notFound="没有找到这份投稿">
      {(submission, { reload }) => <Review submission={submission} onDecided={reload} />}
    </RecordPage>
  );
}

export default staffOnly(SubmissionReviewPage);
