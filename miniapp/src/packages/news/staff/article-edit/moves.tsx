import { Text, View } from '@tarojs/components';
import {
  actionsFrom,
  ARTICLE_STATE_MACHINE,
  ARTICLE_STATE_NAMES,
  type ArticleDetail,
  type ArticleState,
} from '@itss/shared';
import { Card, Section } from '@/components/section';
import type { ArticleAction } from '@/packages/news/api';
import { formatBeijingTime } from '@/utils/format';

export type StaffMove = Extract<ArticleState, 'published' | 'unpublished' | 'archived'>;

/** Each staff move: the endpoint that makes it, its button and its confirmation. */
export const MOVES: Record<
  StaffMove,
  {
    action: ArticleAction;
    label: string;
    tone: 'primary' | 'danger';
    title: string;
    content: string;
    done: string;
  }
> = {
  published: {
    action: 'publish',
    label: '发布',
    tone: 'primary',
    title: '发布文章',
    content: '发布后所有可见范围内的读者即可看到。确定发布吗？',
    done: '已发布',
  },
  unpublished: {
    action: 'unpublish',
    label: '下线',
    tone: 'danger',
    title: '下线文章',
    content: '下线后读者将看不到这篇文章，可再次发布。确定下线吗？',
    done: '已下线',
  },
  archived: {
    action: 'archive',
    label: '归档',
    tone: 'danger',
    title: '归档文章',
    content: '归档后文章不再发布，也不能再编辑。确定归档吗？',
    done: '已归档',
  },
};

/**
 * The moves this editor offers, from the contract's machine: a submission in review is decided in
 * 投稿审核, and a published article is offered 下线, not 归档: archiving cannot be undone, so it
 * comes after the article is taken down.
 */
export function editorMoves(state: ArticleState): StaffMove[] {
  if (state === 'in_review') return [];
  return actionsFrom(ARTICLE_STATE_MACHINE, state).filter(
    (to): to is StaffMove => to in MOVES && !(state === 'published' && to === 'archived'),
  );
}

export function History({ article }: { article: ArticleDetail }) {
  const history = article.staff?.history ?? [];
  if (!history.length) return null;
  return (
    <Section title="状态记录">
      <Card className="article-history">
        {history.map((entry) => (
          <View key={`${entry.at}|${entry.state}`} className="article-history__row">
            <Text className="article-history__state">{ARTICLE_STATE_NAMES[entry.state]}</Text>
            <Text className="article-history__meta">
              {entry.byName ?? '系统'} · {formatBeijingTime(entry.at)}
              {entry.reason ? ` · ${entry.reason}` : ''}
            </Text>
          </View>
        ))}
      </Card>
    </Section>
  );
}
