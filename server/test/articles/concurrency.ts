import { ARTICLE_STATE_MACHINE, type ArticleState, articleDetailSchema, canTransition } from '@itss/shared';
import { DataSource } from 'typeorm';
import { ArticleDraftEntity } from '../../src/modules/articles/article-draft.entity';
import { ArticleEntity, ArticleStateChangeEntity } from '../../src/modules/articles/article.entity';
import { FileEntity } from '../../src/modules/files/file.entity';
import type { AuthEnv } from '../support/auth-env';
import { type Call, type ConcurrencyCase, atOnce, auditRows, tally, times } from '../support/concurrency';
import { PDF, PNG, multipartFile } from '../support/joining';
import { articleBody, createArticle, published, staff } from './support';

const repo = <T extends object>(env: AuthEnv, entity: new () => T) =>
  env.server.app.get(DataSource).getRepository(entity);

async function auditedFor(env: AuthEnv, action: string, id: number): Promise<number> {
  return (await auditRows(env, action)).filter((row) => row.target === `article:${id}`).length;
}

/**
 * The article's history is one chain of allowed steps from draft to the state it is in: two
 * changes that raced never both read the same old state.
 */
async function historyChain(env: AuthEnv, id: number): Promise<ArticleState[]> {
  const rows = await repo(env, ArticleStateChangeEntity).find({
    where: { articleId: id },
    order: { id: 'ASC' },
  });
  const states = rows.map((row) => row.state);
  states.slice(1).forEach((state, i) => {
    const from = states[i] as ArticleState;
    expect(canTransition(ARTICLE_STATE_MACHINE, from, state)).toBe(true);
  });
  const article = await repo(env, ArticleEntity).findOneByOrFail({ id });
  expect(states.at(-1)).toBe(article.state);
  return states;
}

const post = (path: string, token: string): Call => ({ method: 'POST', path, token, body: {} });

export const CONCURRENCY: ConcurrencyCase[] = [
  {
    route: 'POST /api/articles',
    title: 'five drafts sent at once: five drafts, each with its history row and audit row',
    async run(env) {
      const { token } = await staff(env);
      const call: Call = {
        method: 'POST',
        path: '/api/articles',
        token,
        body: articleBody({ title: '同一标题' }),
      };
      expect(tally(await atOnce(env, times(5, call)))).toEqual({ '201': 5 });
      expect(await repo(env, ArticleEntity).countBy({ title: '同一标题', state: 'draft' })).toBe(5);
      expect(await repo(env, ArticleStateChangeEntity).count()).toBe(5);
      expect(await auditRows(env, 'article.created')).toHaveLength(5);
    },
  },
  {
    route: 'PATCH /api/articles/:id',
    title: 'the same edit five times at once: all 200, the change made and audited once',
    async run(env) {
      const { token } = await staff(env);
      const article = await published(env, token);
      const call: Call = {
        method: 'PATCH',
        path: `/api/articles/${article.id}`,
        token,
        body: { title: '改后的标题' },
      };
      const answers = await atOnce(env, times(5, call));
      expect(tally(answers)).toEqual({ '200': 5 });
      expect(answers.every(({ body }) => articleDetailSchema.parse(body).title === '改后的标题')).toBe(true);
      expect(await auditedFor(env, 'article.updated', article.id)).toBe(1);
    },
  },
  {
    route: 'POST /api/articles/:id/publish',
    title:
      'two staff publish one draft three times each at once: all 200, published once, one history row and audit row',
    async run(env) {
      const [a, b] = [await staff(env, 'a'), await staff(env, 'b')];
      const draft = await createArticle(env, a.token);
      const path = `/api/articles/${draft.id}/publish`;
      const answers = await atOnce(env, [...times(3, post(path, a.token)), ...times(3, post(path, b.token))]);
      expect(tally(answers)).toEqual({ '200': 6 });
      const publishedAt = new Set(answers.map(({ body }) => articleDetailSchema.parse(body).publishedAt));
      expect(publishedAt.size).toBe(1);
      expect(await historyChain(env, draft.id)).toEqual(['draft', 'published']);
      expect(await auditedFor(env, 'article.published', draft.id)).toBe(1);
    },
  },
  {
    route: 'POST /api/articles/:id/unpublish',
    title: 'five unpublishes at once: all 200, one history row and audit row',
    async run(env) {
      const { token } = await staff(env);
      const article = await published(env, token);
      const answers = await atOnce(env, times(5, post(`/api/articles/${article.id}/unpublish`, token)));
      expect(tally(answers)).toEqual({ '200': 5 });
      expect(await historyChain(env, article.id)).toEqual(['draft', 'published', 'unpublished']);
      expect(await auditedFor(env, 'article.unpublished', article.id)).toBe(1);
    },
  },
  {
    route: 'POST /api/articles/:id/archive',
    title:
      'one staff member publishes a draft while another archives it, three times each: the history is one chain of allowed steps',
    async run(env) {
      const [a, b] = [await staff(env, 'a'), await staff(env, 'b')];
      const draft = await createArticle(env, a.token);
      const answers = await atOnce(env, [
        ...times(3, post(`/api/articles/${draft.id}/publish`, a.token)),
        ...times(3, post(`/api/articles/${draft.id}/archive`, b.token)),
      ]);
      const archives = tally(answers.slice(3));
      expect(archives).toEqual({ '200': 3 });
      const states = await historyChain(env, draft.id);
      expect(states.at(-1)).toBe('archived');
      // Published first (then archived), or archived first and every publish refused.
      const publishes = tally(answers.slice(0, 3));
      if (states.includes('published')) {
        expect(states).toEqual(['draft', 'published', 'archived']);
        expect(publishes['200']).toBeGreaterThanOrEqual(1);
      } else {
        expect(states).toEqual(['draft', 'archived']);
        expect(publishes).toEqual({ '409 ARTICLE_WRONG_STATE': 3 });
      }
      expect(await auditedFor(env, 'article.archived', draft.id)).toBe(1);
    },
  },
  {
    route: 'POST /api/articles/:id/reads',
    title: 'twenty reads at once: all 204, twenty counted',
    async run(env) {
      const { token } = await staff(env);
      const article = await published(env, token);
      const answers = await atOnce(
        env,
        times(20, { method: 'POST', path: `/api/articles/${article.id}/reads` }),
      );
      expect(tally(answers)).toEqual({ '204': 20 });
      expect((await repo(env, ArticleEntity).findOneByOrFail({ id: article.id })).readCount).toBe(20);
    },
  },
  {
    route: 'POST /api/articles/images',
    title: 'three images at once: three files, each stored',
    async run(env) {
      const { token } = await staff(env);
      const call: Call = {
        method: 'POST',
        path: '/api/articles/images',
        token,
        raw: multipartFile(PNG, '图.png'),
      };
      expect(tally(await atOnce(env, times(3, call)))).toEqual({ '201': 3 });
      expect(await repo(env, FileEntity).countBy({ contentType: 'image/png' })).toBe(3);
    },
  },
  {
    route: 'POST /api/articles/attachments',
    title: 'three attachments at once: three files, each stored',
    async run(env) {
      const { token } = await staff(env);
      const call: Call = {
        method: 'POST',
        path: '/api/articles/attachments',
        token,
        raw: multipartFile(PDF, '会刊.pdf'),
      };
      expect(tally(await atOnce(env, times(3, call)))).toEqual({ '201': 3 });
      expect(await repo(env, FileEntity).countBy({ contentType: 'application/pdf' })).toBe(3);
    },
  },
  {
    route: 'PUT /api/articles/draft',
    title: 'the first save of a new-article draft five times at once: all 200, one draft kept',
    async run(env) {
      const { id, token } = await staff(env);
      const call: Call = { method: 'PUT', path: '/api/articles/draft', token, body: { title: '同时保存' } };
      expect(tally(await atOnce(env, times(5, call)))).toEqual({ '200': 5 });
      expect(await repo(env, ArticleDraftEntity).countBy({ userId: id, draftKey: 'article:new' })).toBe(1);
    },
  },
  {
    route: 'PUT /api/articles/:id/draft',
    title: "an article's draft saved five times at once: all 200, one draft kept, the article unchanged",
    async run(env) {
      const { id: userId, token } = await staff(env);
      const article = await createArticle(env, token, { title: '原标题' });
      const path = `/api/articles/${article.id}/draft`;
      const call: Call = { method: 'PUT', path, token, body: { title: '草稿标题' } };
      expect(tally(await atOnce(env, times(5, call)))).toEqual({ '200': 5 });
      expect(await repo(env, ArticleDraftEntity).countBy({ userId, draftKey: `article:${article.id}` })).toBe(
        1,
      );
      expect((await repo(env, ArticleEntity).findOneByOrFail({ id: article.id })).title).toBe('原标题');
    },
  },
];
