import {
  type ArticleListResponse,
  articleDetailSchema,
  articleListResponseSchema,
  articleManageListResponseSchema,
  errorBodySchema,
} from '@itss/shared';
import { type AuthEnv, bearer, postJson, startAuthEnv } from '../support/auth-env';
import { auditRows } from '../support/concurrency';
import { createArticle, member, published, read, staff, transition, visitor } from './support';

function code(body: unknown): string {
  return errorBodySchema.parse(body).code;
}

describe('articles', () => {
  let env: AuthEnv;
  let editor: { id: number; token: string };
  beforeAll(async () => {
    env = await startAuthEnv();
    editor = await staff(env, 'editor');
  });
  afterAll(() => env.close());

  describe('states', () => {
    it('a draft is for staff alone; published it is for everyone; unpublished it is gone again', async () => {
      const draft = await createArticle(env, editor.token);
      expect(draft.staff?.state).toBe('draft');
      expect(draft.publishedAt).toBeNull();
      const someone = await visitor(env);
      for (const token of [null, someone.token]) {
        const res = await read(env, `/api/articles/${draft.id}`, token);
        expect([res.status, code(res.body)]).toEqual([404, 'ARTICLE_NOT_FOUND']);
      }
      const published = articleDetailSchema.parse(
        (await transition(env, editor.token, draft.id, 'publish')).body,
      );
      expect(published.staff?.state).toBe('published');
      const firstPublishedAt = published.publishedAt;
      expect(firstPublishedAt).not.toBeNull();
      const seen = await read(env, `/api/articles/${draft.id}`, null);
      expect(seen.status).toBe(200);
      expect(articleDetailSchema.parse(seen.body)).toMatchObject({ body: '<p>正文</p>', locked: false });
      expect(articleDetailSchema.parse(seen.body).staff).toBeUndefined();

      expect((await transition(env, editor.token, draft.id, 'unpublish')).status).toBe(200);
      expect((await read(env, `/api/articles/${draft.id}`, someone.token)).status).toBe(404);
      // Published again, it keeps its place in the feed.
      const again = articleDetailSchema.parse(
        (await transition(env, editor.token, draft.id, 'publish')).body,
      );
      expect(again.publishedAt).toBe(firstPublishedAt);
      expect(again.staff?.history.map((change) => change.state)).toEqual([
        'published',
        'unpublished',
        'published',
        'draft',
      ]);
      expect(again.staff?.history.every((change) => change.byName === '测试用户')).toBe(true);
    });

    it('the same change twice is a success that records nothing; a change the state forbids is 409', async () => {
      const article = await published(env, editor.token);
      const twice = await transition(env, editor.token, article.id, 'publish');
      expect(twice.status).toBe(200);
      expect(articleDetailSchema.parse(twice.body).staff?.history).toHaveLength(2);
      expect(
        (await auditRows(env, 'article.published')).filter((row) => row.target === `article:${article.id}`),
      ).toHaveLength(1);

      const draft = await createArticle(env, editor.token);
      const unpublishDraft = await transition(env, editor.token, draft.id, 'unpublish');
      expect([unpublishDraft.status, code(unpublishDraft.body)]).toEqual([409, 'ARTICLE_WRONG_STATE']);

      expect((await transition(env, editor.token, article.id, 'archive')).status).toBe(200);
      for (const action of ['publish', 'unpublish'] as const) {
        const res = await transition(env, editor.token, article.id, action);
        expect([res.status, code(res.body)]).toEqual([409, 'ARTICLE_WRONG_STATE']);
      }
      const edit = await env.server.get(`/api/articles/${article.id}`, {
        method: 'PATCH',
        headers: { ...bearer(editor.token), 'content-type': 'application/json' },
        body: JSON.stringify({ title: '归档后修改' }),
      });
      expect([edit.status, code(edit.body)]).toEqual([409, 'ARTICLE_WRONG_STATE']);
      expect((await read(env, `/api/articles/${article.id}`, null)).status).toBe(404);
    });

    it('a change of an unknown article is 404', async () => {
      const res = await transition(env, editor.token, 999_999, 'publish');
      expect([res.status, code(res.body)]).toEqual([404, 'ARTICLE_NOT_FOUND']);
    });
  });

  describe('the unit of 会员风采 and 优秀案例', () => {
    it('is required, must exist, and names the unit to readers', async () => {
      const missing = await postJson(
        env,
        '/api/articles',
        {
          category: 'member_showcase',
          title: '会员风采',
          summary: '摘要',
          body: '<p>x</p>',
          visibility: 'public',
        },
        bearer(editor.token),
      );
      expect(missing.status).toBe(400);
      const unknown = await postJson(
        env,
        '/api/articles',
        {
          category: 'case_study',
          title: '优秀案例',
          summary: '摘要',
          body: '<p>x</p>',
          visibility: 'public',
          unitId: 999_999,
        },
        bearer(editor.token),
      );
      expect([unknown.status, code(unknown.body)]).toEqual([400, 'ARTICLE_UNIT_UNKNOWN']);
      const unit = await member(env, 'member');
      const article = await published(env, editor.token, { category: 'case_study', unitId: unit.unitId });
      expect(article.unitName).toBe('北京示例信息技术有限公司');
      // Changing the category of a plain article to a unit one without a unit is refused too.
      const plain = await createArticle(env, editor.token);
      const patch = await env.server.get(`/api/articles/${plain.id}`, {
        method: 'PATCH',
        headers: { ...bearer(editor.token), 'content-type': 'application/json' },
        body: JSON.stringify({ category: 'member_showcase' }),
      });
      expect([patch.status, code(patch.body)]).toEqual([400, 'ARTICLE_UNIT_REQUIRED']);
    });
  });

  describe('who reads the body', () => {
    it('members-only and committee articles: a teaser to strangers, the body to the level they name', async () => {
      const forMembers = await published(env, editor.token, {
        visibility: 'members',
        body: '<p>会员正文</p>',
      });
      const forCommittee = await published(env, editor.token, {
        visibility: 'committee',
        body: '<p>委员正文</p>',
      });
      const someone = await visitor(env);
      const plainMember = await member(env, 'member');
      const committee = await member(env, 'committee');
      const expectations: [string | null, boolean, boolean][] = [
        [null, true, true],
        [someone.token, true, true],
        [plainMember.token, false, true],
        [committee.token, false, false],
        [editor.token, false, false],
      ];
      for (const [token, membersLocked, committeeLocked] of expectations) {
        for (const [article, locked] of [
          [forMembers, membersLocked],
          [forCommittee, committeeLocked],
        ] as const) {
          const detail = articleDetailSchema.parse(
            (await read(env, `/api/articles/${article.id}`, token)).body,
          );
          expect({
            token,
            id: article.id,
            locked: detail.locked,
            hasBody: detail.body !== undefined,
            hasAttachments: detail.attachments !== undefined,
          }).toEqual({
            token,
            id: article.id,
            locked,
            hasBody: !locked,
            hasAttachments: !locked,
          });
        }
        const list = articleListResponseSchema.parse((await read(env, '/api/articles?limit=50', token)).body);
        expect(list.items.find((item) => item.id === forMembers.id)?.locked).toBe(membersLocked);
        expect(list.items.find((item) => item.id === forCommittee.id)?.locked).toBe(committeeLocked);
      }
    });

    it('a session that is sent must be good: a refused one is 401 (the app renews it), none is a stranger', async () => {
      const refused = await read(env, '/api/articles', 'not-a-session-token');
      expect([refused.status, code(refused.body)]).toEqual([401, 'UNAUTHENTICATED']);
      expect((await read(env, '/api/articles', null)).status).toBe(200);
    });

    it('a contact of a suspended unit reads as a stranger', async () => {
      const forMembers = await published(env, editor.token, { visibility: 'members' });
      const contact = await member(env, 'committee');
      const url = `/api/articles/${forMembers.id}`;
      expect(articleDetailSchema.parse((await read(env, url, contact.token)).body).locked).toBe(false);
      const suspend = await env.server.get(`/api/units/${contact.unitId}/status`, {
        method: 'PATCH',
        headers: { ...bearer(editor.token), 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'suspended', reason: '未按时缴纳会费' }),
      });
      expect(suspend.status).toBe(200);
      expect(articleDetailSchema.parse((await read(env, url, contact.token)).body).locked).toBe(true);
    });
  });

  describe('the reader list', () => {
    async function allPages(
      path: string,
      between: () => Promise<void> = () => Promise.resolve(),
    ): Promise<number[]> {
      const ids: number[] = [];
      let cursor: string | null = null;
      do {
        const page: ArticleListResponse = articleListResponseSchema.parse(
          (await read(env, `${path}${cursor ? `&cursor=${cursor}` : ''}`, null)).body,
        );
        ids.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
        await between();
      } while (cursor);
      return ids;
    }

    it('pages stay stable while staff publish: nothing repeated, nothing skipped', async () => {
      const mine: number[] = [];
      for (let i = 0; i < 7; i++) mine.push((await published(env, editor.token, { category: 'journal' })).id);
      const before = await allPages('/api/articles?category=journal&limit=3');
      expect(before.slice(0, 7)).toEqual([...mine].reverse());
      const during = await allPages('/api/articles?category=journal&limit=3', async () => {
        await published(env, editor.token, { category: 'journal' });
      });
      expect(during).toEqual(before);
      expect(new Set(during).size).toBe(during.length);
    });

    it('a category, pinned items, newest first; drafts and other categories never', async () => {
      const pinned = await published(env, editor.token, { category: 'notice', pinned: true });
      const notPinned = await published(env, editor.token, { category: 'notice' });
      await createArticle(env, editor.token, { category: 'notice', pinned: true });
      const pins = articleListResponseSchema.parse((await read(env, '/api/articles?pinned=true', null)).body);
      expect(pins.items.map((item) => item.id)).toEqual([pinned.id]);
      const notices = articleListResponseSchema.parse(
        (await read(env, '/api/articles?category=notice', null)).body,
      );
      expect(notices.items.map((item) => item.id)).toEqual([notPinned.id, pinned.id]);
      expect(notices.nextCursor).toBeNull();
    });

    it('finds published articles by every word of a keyword, in pages, not with pinned', async () => {
      const hit = await published(env, editor.token, {
        category: 'industry',
        title: '数据中心绿色运维实践',
        summary: '节能',
      });
      const alsoHit = await published(env, editor.token, {
        category: 'industry',
        title: '运维案例',
        summary: '数据中心迁移',
      });
      await published(env, editor.token, { category: 'industry', title: '数据中心建设', summary: '规划' });
      await createArticle(env, editor.token, { category: 'industry', title: '数据中心运维草稿' });
      const first = articleListResponseSchema.parse(
        (await read(env, `/api/articles?q=${encodeURIComponent('数据中心 运维')}&limit=1`, null)).body,
      );
      expect(first.items.map((item) => item.id)).toEqual([alsoHit.id]);
      const second = articleListResponseSchema.parse(
        (
          await read(
            env,
            `/api/articles?q=${encodeURIComponent('数据中心 运维')}&limit=1&cursor=${first.nextCursor}`,
            null,
          )
        ).body,
      );
      expect(second.items.map((item) => item.id)).toEqual([hit.id]);
      expect(second.nextCursor).toBeNull();
      const both = await read(env, `/api/articles?q=${encodeURIComponent('运维')}&pinned=true`, null);
      expect([both.status, code(both.body)]).toEqual([400, 'VALIDATION_FAILED']);
    });

    it('refuses a forged cursor and a limit out of bounds with 400', async () => {
      for (const query of [
        'cursor=abc',
        `cursor=${Buffer.from(JSON.stringify({ t: 'x', i: 1 })).toString('base64url')}`,
        `cursor=${Buffer.from(JSON.stringify({ t: 1, i: -1 })).toString('base64url')}`,
        `cursor=${Buffer.from(JSON.stringify({ t: 1, i: 1, x: 1 })).toString('base64url')}`,
        'limit=0',
        'limit=51',
        'limit=abc',
        'category=unknown',
      ]) {
        const res = await read(env, `/api/articles?${query}`, null);
        expect({ query, status: res.status, code: code(res.body) }).toEqual({
          query,
          status: 400,
          code: 'VALIDATION_FAILED',
        });
      }
    });

    it('is forgotten by the cache when staff publish, unpublish or edit', async () => {
      const first = articleListResponseSchema.parse(
        (await read(env, '/api/articles?category=policy', null)).body,
      );
      const article = await published(env, editor.token, { category: 'policy' });
      const after = articleListResponseSchema.parse(
        (await read(env, '/api/articles?category=policy', null)).body,
      );
      expect(after.items.map((item) => item.id)).toEqual([article.id, ...first.items.map((item) => item.id)]);
      expect(
        articleDetailSchema.parse((await read(env, `/api/articles/${article.id}`, null)).body).title,
      ).toBe(article.title);
      await env.server.get(`/api/articles/${article.id}`, {
        method: 'PATCH',
        headers: { ...bearer(editor.token), 'content-type': 'application/json' },
        body: JSON.stringify({ title: '改过的标题' }),
      });
      expect(
        articleDetailSchema.parse((await read(env, `/api/articles/${article.id}`, null)).body).title,
      ).toBe('改过的标题');
      await transition(env, editor.token, article.id, 'unpublish');
      const gone = articleListResponseSchema.parse(
        (await read(env, '/api/articles?category=policy', null)).body,
      );
      expect(gone.items.map((item) => item.id)).toEqual(first.items.map((item) => item.id));
      expect((await read(env, `/api/articles/${article.id}`, null)).status).toBe(404);
    });
  });

  describe('staff', () => {
    it('manage lists every state, latest change first, with keyset pages', async () => {
      const a = await createArticle(env, editor.token, { category: 'monthly_report' });
      const b = await published(env, editor.token, { category: 'monthly_report' });
      const page = articleManageListResponseSchema.parse(
        (await read(env, '/api/articles/manage?category=monthly_report&limit=1', editor.token)).body,
      );
      expect(page.items.map((item) => [item.id, item.state])).toEqual([[b.id, 'published']]);
      const next = articleManageListResponseSchema.parse(
        (
          await read(
            env,
            `/api/articles/manage?category=monthly_report&limit=1&cursor=${page.nextCursor}`,
            editor.token,
          )
        ).body,
      );
      expect(next.items.map((item) => [item.id, item.state])).toEqual([[a.id, 'draft']]);
      const drafts = articleManageListResponseSchema.parse(
        (await read(env, '/api/articles/manage?state=draft&category=monthly_report', editor.token)).body,
      );
      expect(drafts.items.map((item) => item.id)).toEqual([a.id]);
    });

    it('an edit is audited once with what changed; the same edit again records nothing', async () => {
      const article = await createArticle(env, editor.token);
      const patch = () =>
        env.server.get(`/api/articles/${article.id}`, {
          method: 'PATCH',
          headers: { ...bearer(editor.token), 'content-type': 'application/json' },
          body: JSON.stringify({ summary: '新的摘要', tags: ['ITSS', 'ITSS', '运维'] }),
        });
      expect((await patch()).status).toBe(200);
      const second = articleDetailSchema.parse((await patch()).body);
      expect(second.tags).toEqual(['ITSS', '运维']);
      const rows = (await auditRows(env, 'article.updated')).filter(
        (row) => row.target === `article:${article.id}`,
      );
      expect(rows.map((row) => row.detail)).toEqual(['summary、tags']);
    });

    it('refuses a body still over the limit once sanitized', async () => {
      const res = await postJson(
        env,
        '/api/articles',
        {
          category: 'journal',
          title: '会刊',
          summary: '',
          body: `<p>${'字'.repeat(20_001)}</p>`,
          visibility: 'public',
        },
        bearer(editor.token),
      );
      expect([res.status, code(res.body)]).toEqual([400, 'ARTICLE_BODY_TOO_LONG']);
    });
  });

  describe('read counts', () => {
    it('count each read of a published article, by anyone; 404 for anything else', async () => {
      const article = await published(env, editor.token);
      for (let i = 0; i < 3; i++) {
        expect((await postJson(env, `/api/articles/${article.id}/reads`, {})).status).toBe(204);
      }
      const detail = articleDetailSchema.parse(
        (await read(env, `/api/articles/${article.id}`, editor.token)).body,
      );
      expect(detail.readCount).toBe(3);
      const draft = await createArticle(env, editor.token);
      const res = await postJson(env, `/api/articles/${draft.id}/reads`, {});
      expect([res.status, code(res.body)]).toEqual([404, 'ARTICLE_NOT_FOUND']);
    });
  });
});
