import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import {
  ARTICLE_CATEGORY_NAMES,
  ArticleError,
  ErrorCode,
  isUnitArticleCategory,
  type ArticleAttachment,
  type ArticleDetail,
  type Me,
} from '@itss/shared';
import { useEffect, useRef, useState } from 'react';
import { usePageData } from '@/components/kit/page-data';
import { ArticleBody } from '@/components/article-body';
import { ArticleImage, absoluteFileUrl } from '@/components/article-image';
import { ErrorState, Loading } from '@/components/state';
import { countRead, getArticle } from '@/packages/news/api';
import { downloadWithToken, saveAs } from '@/services/download';
import { isH5, useSession } from '@/services/session';
import { copyText, openApplication, openDirectory, openTab, openTag } from '@/utils/actions';
import { formatBeijingDate, formatFileSize } from '@/utils/format';
import './index.scss';
import { ROUTES, routeUrl } from '@/routes';

const NOT_FOUND = new Set<string>([ArticleError.NotFound, ErrorCode.NotFound]);

/** `?id=` of the page, as a share card, a browser link or a list hands it over. */
function articleId(params: Record<string, string | undefined>): number | null {
  const id = Number(params.id);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/**
 * Opens a PDF: WeChat downloads it (with the token, as non-public files need) and hands it to its
 * viewer. A browser opens a public article's file by its address in a new tab; the others need
 * the token, so they are downloaded and saved under their own name.
 */
async function openAttachment(attachment: ArticleAttachment, needsToken: boolean): Promise<void> {
  try {
    if (isH5() && !needsToken) {
      window.open(absoluteFileUrl(attachment.url), '_blank', 'noopener');
      return;
    }
    void Taro.showLoading({ title: '正在打开…' });
    const local = await downloadWithToken(attachment.url);
    void Taro.hideLoading();
    if (isH5()) saveAs(local, attachment.name);
    else await Taro.openDocument({ filePath: local, fileType: 'pdf', showMenu: true });
  } catch (error) {
    void Taro.hideLoading();
    const message = error instanceof Error && error.message ? error.message : '附件打开失败，请稍后重试';
    void Taro.showToast({ title: message, icon: 'none' });
  }
}

function Attachments({ article }: { article: ArticleDetail }) {
  if (!article.attachments?.length) return null;
  const needsToken = article.visibility !== 'public';
  return (
    <View className="article-attachments">
      <Text className="article-attachments__title">附件</Text>
      {article.attachments.map((attachment) => (
        <View
          key={attachment.fileId}
          className="article-attachment"
          onClick={() => void openAttachment(attachment, needsToken)}
        >
          <Text className="article-attachment__type">PDF</Text>
          <Text className="article-attachment__name">{attachment.name}</Text>
          <Text className="article-attachment__size">{formatFileSize(attachment.size)}</Text>
        </View>
      ))}
    </View>
  );
}

/** Why the body is not shown, and the way to it for this person. */
function Locked({ article, me }: { article: ArticleDetail; me: Me | null }) {
  const committee = article.visibility === 'committee';
  return (
    <View className="article-locked" role="note">
      {article.summary ? <Text className="article-locked__teaser">{article.summary}</Text> : null}
      <View className="article-locked__box">
        <Text className="article-locked__title">
          {committee ? '本文仅对委员及以上级别会员单位联系人开放' : '本文仅对会员单位联系人开放'}
        </Text>
        {me === null ? (
          <>
            <Text className="article-locked__text">会员单位联系人登录后即可阅读全文。</Text>
            <View className="article-locked__actions">
              <Button className="article-locked__primary" onClick={() => openTab(ROUTES.me)}>
                登录
              </Button>
              <Button className="article-locked__secondary" onClick={openApplication}>
                申请入会
              </Button>
            </View>
          </>
        ) : me.unit === null ? (
          <>
            <Text className="article-locked__text">
              您的单位已是会员？在会员名录中找到单位，申请成为联系人；尚未入会可在线申请。
            </Text>
            <View className="article-locked__actions">
              <Button className="article-locked__primary" onClick={openApplication}>
                申请入会
              </Button>
              <Button className="article-locked__secondary" onClick={openDirectory}>
                会员名录
              </Button>
            </View>
          </>
        ) : (
          <>
            <Text className="article-locked__text">
              {committee
                ? '委员及以上级别会员单位可阅读，了解会员级别与升级办法。'
                : '您的单位会籍当前无效，请联系分会会员服务部。'}
            </Text>
            <View className="article-locked__actions">
              <Button
                className="article-locked__primary"
                onClick={() => openTab(committee ? ROUTES.membership : ROUTES.contact)}
              >
                {committee ? '了解会员级别' : '联系我们'}
              </Button>
            </View>
          </>
        )}
      </View>
    </View>
  );
}

function ShareButton() {
  // WeChat's share button hands the page's share card (useShareAppMessage) to a chat.
  if (!isH5())
    return (
      <Button className="article-share" openType="share">
        分享
      </Button>
    );
  // A browser has no share sheet: the page's address is the link (it opens the same article).
  return (
    <Button className="article-share" onClick={() => void copyText(window.location.href)}>
      复制链接
    </Button>
  );
}

function Article({ article, me }: { article: ArticleDetail; me: Me | null }) {
  const needsToken = article.visibility !== 'public';
  return (
    <View className="article">
      <View className="article-head">
        <Text className="article-head__title">{article.title}</Text>
        <View className="article-head__meta">
          <Text className="article-head__category">{ARTICLE_CATEGORY_NAMES[article.category]}</Text>
          {article.publishedAt ? (
            <Text className="article-head__date">{formatBeijingDate(article.publishedAt)}</Text>
          ) : null}
          <Text className="article-head__reads">{`阅读 ${article.readCount}`}</Text>
        </View>
        {isUnitArticleCategory(article.category) && article.unitName ? (
          <Text className="article-head__unit">{`会员单位：${article.unitName}`}</Text>
        ) : null}
      </View>
      {article.coverUrl ? (
        <ArticleImage
          className="article-cover"
          url={article.coverUrl}
          needsToken={needsToken}
          mode="widthFix"
          preview
        />
      ) : null}
      {article.locked || article.body === undefined ? (
        <Locked article={article} me={me} />
      ) : (
        <>
          <ArticleBody html={article.body} needsToken={needsToken} />
          <Attachments article={article} />
        </>
      )}
      {article.tags.length ? (
        <View className="article-tags">
          {article.tags.map((tag) => (
            <Text key={tag} className="article-tags__tag" onClick={() => openTag(tag)}>
              {`#${tag}`}
            </Text>
          ))}
        </View>
      ) : null}
      <ShareButton />
    </View>
  );
}

function Gone() {
  return (
    <View className="article-gone" role="alert">
      <Text className="article-gone__title">文章不存在或已下线</Text>
      <Text className="article-gone__text">链接可能已失效，去资讯看看其他内容吧。</Text>
      <Button className="article-gone__button" onClick={() => openTab(ROUTES.news)}>
        浏览资讯
      </Button>
    </View>
  );
}

/** One article as the signed-in person (or a visitor) may see it; a new person loads it again. */
function ArticleLoader({ id, me }: { id: number; me: Me | null }) {
  const { state, reload } = usePageData(() => getArticle(id));
  const countedRef = useRef(false);
  const found = state.status === 'success';
  useEffect(() => {
    if (!found || countedRef.current) return;
    countedRef.current = true;
    void countRead(id);
  }, [found, id]);

  const title = found ? state.data.title : '';
  // What a chat card and the timeline show, and where they lead: this article, from a cold start too.
  useShareAppMessage(() => ({ title, path: routeUrl(ROUTES.article, { id }) }));
  useShareTimeline(() => ({ title, query: `id=${id}` }));

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error')
    return NOT_FOUND.has(state.error.code) ? (
      <Gone />
    ) : (
      <ErrorState message={state.error.message} onRetry={() => void reload()} />
    );
  return <Article article={state.data} me={me} />;
}

export default function ArticlePage() {
  const { params } = useRouter();
  const [id] = useState(() => articleId(params));
  const session = useSession();
  if (id === null)
    return (
      <View className="page article-page">
        <Gone />
      </View>
    );
  // Whether the body is shown depends on who asks: wait for the launch's login before asking.
  if (session.status === 'loading')
    return (
      <View className="page article-page">
        <Loading />
      </View>
    );
  const me = session.status === 'signedIn' ? session.me : null;
  return (
    <View className="page article-page">
      <ArticleLoader key={me ? `user-${me.id}` : 'visitor'} id={id} me={me} />
    </View>
  );
}
