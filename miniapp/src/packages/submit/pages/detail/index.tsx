import { Text, View } from '@tarojs/components';
import { ARTICLE_CATEGORY_NAMES, ARTICLE_STATE_NAMES, type Submission } from '@itss/shared';
import { RecordPage } from '@/components/kit/record-page';
import { StatusBadge } from '@/components/kit/badges';
import { ArticlePreview } from '@/components/article-editor/preview';
import { Card } from '@/components/section';
import { getSubmission } from '@/packages/submit/api';
import { formatBeijingTime } from '@/utils/format';
import '../../submit.scss';

const STATE_NOTES: Partial<Record<Submission['state'], string>> = {
  in_review: '工作人员审核后会在「消息」中告诉您结果',
  published: '已发布在资讯中',
};

function Detail({ submission }: { submission: Submission }) {
  return (
    <View className="page submit-page submit-detail">
      <Card className="submit-detail__status">
        <View className="submit-row__head">
          <StatusBadge block="submit-state" state={submission.state} names={ARTICLE_STATE_NAMES} />
          <Text className="submit-row__meta">
            {submission.submitterName} 提交于 {formatBeijingTime(submission.submittedAt)}
          </Text>
        </View>
        {submission.state === 'rejected' && submission.rejectReason ? (
          <Text className="submit-row__reason">未通过原因：{submission.rejectReason}</Text>
        ) : null}
        {STATE_NOTES[submission.state] ? (
          <Text className="submit-row__meta">{STATE_NOTES[submission.state]}</Text>
        ) : null}
      </Card>
      <Card>
        <ArticlePreview
          title={submission.title}
          meta={`${ARTICLE_CATEGORY_NAMES[submission.category]} · ${submission.unit.name}`}
          summary={submission.summary}
          coverUrl={submission.coverUrl}
          body={submission.body}
        />
      </Card>
    </View>
  );
}

export default function SubmissionDetailPage() {
  return (
    <RecordPage load={getSubmission} notFound="没有找到这份投稿">
      {(submission) => <Detail submission={submission} />}
    </RecordPage>
  );
}
