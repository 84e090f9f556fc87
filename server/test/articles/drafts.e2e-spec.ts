import {
  ArticleDraftError,
  ArticleError,
  ErrorCode,
  SubmissionError,
  articleDetailSchema,
  articleDraftResponseSchema,
  errorBodySchema,
} from '@itss/shared';
import { colleague, setStatus } from '../contacts/fixtures';
import { type AuthEnv, bearer, startAuthEnv } from '../support/auth-env';
import { TEST_DB } from '../support/harness';
import { postSubmission, someone, submissionBody, unitWithContact } from '../submissions/support';
import { createArticle, published, read, staff } from './support';

function code(body: unknown): string {
  return errorBodySchema.parse(body).code;
}

function put(env: AuthEnv, path: string, body: unknown, token?: string) {
  return env.server.get(path, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...(token ? bearer(token) : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function kept(env: AuthEnv, path: string, token: string) {
  const res = await read(env, path, token);
  expect(res.status).toBe(200);
  return articleDraftResponseSchema.parse(res.body).draft;
}

// Who gets in by role is the matrix's (test/articles/access.ts, test/submissions/access.ts): staff
// to the article drafts, contacts of active units to the submission draft. Here: whose draft is
// whose, what clears it, and what a draft may hold.
describe(`editor drafts on ${TEST_DB}`, () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv();
  });
  afterAll(() => env.close());

  describe("a staff member's new article", () => {
    it('is kept for its writer alone, from any session, until the article is created', async () => {
      const writer = await staff(env, 'writer');
      const other = await staff(env, 'other');
      expect(await kept(env, '/api/articles/draft', writer.token)).toBeNull();

      const draft = { category: 'notice', title: '写了一半的通知', body: '<p>尚未完成</p>', pinned: false };
      const saved = await put(env, '/api/articles/draft', draft, writer.token);
      expect(saved.status).toBe(200);
      expect(articleDraftResponseSchema.parse(saved.body)).toMatchObject({ draft });
      expect(await kept(env, '/api/articles/draft', writer.token)).toEqual(draft);
      // Another staff member has a new-article draft of their own, empty.
      expect(await kept(env, '/api/articles/draft', other.token)).toBeNull();

      await createArticle(env, writer.token, { title: '写完的通知' });
      expect(await kept(env, '/api/articles/draft', writer.token)).toBeNull();
    });

    it('an emptied form leaves nothing to restore', async () => {
      const writer = await staff(env);
      await put(env, '/api/articles/draft', { title: '草' }, writer.token);
      const res = await put(env, '/api/articles/draft', {}, writer.token);
      expect(articleDraftResponseSchema.parse(res.body)).toEqual({ draft: null, updatedAt: null });
      expect(await kept(env, '/api/articles/draft', writer.token)).toBeNull();
    });
  });

  describe('edits of an existing article', () => {
    it('are kept apart from what readers see, per person, and cleared when the article is saved', async () => {
      const writer = await staff(env, 'editor');
      const other = await staff(env, 'reviewer');
      const article = await published(env, writer.token, { title: '已发布的标题' });
      const path = `/api/articles/${article.id}/draft`;

      expect((await put(env, path, { title: '修改中的标题' }, writer.token)).status).toBe(200);
      expect(await kept(env, path, writer.token)).toEqual({ title: '修改中的标题' });
      expect(await kept(env, path, other.token)).toBeNull();
      expect(await kept(env, '/api/articles/draft', writer.token)).toBeNull();
      const readers = await read(env, `/api/articles/${article.id}`);
      expect(articleDetailSchema.parse(readers.body).title).toBe('已发布的标题');

      // 置顶 alone is not saving the form: the draft stays.
      const pin = await env.server.get(`/api/articles/${article.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', ...bearer(writer.token) },
        body: JSON.stringify({ pinned: true }),
      });
      expect(pin.status).toBe(200);
      expect(await kept(env, path, writer.token)).toEqual({ title: '修改中的标题' });

      const save = await env.server.get(`/api/articles/${article.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', ...bearer(writer.token) },
        body: JSON.stringify({ title: '修改后的标题' }),
      });
      expect(save.status).toBe(200);
      expect(await kept(env, path, writer.token)).toBeNull();
    });

    it('of an unknown article: 404, nothing kept', async () => {
      const writer = await staff(env);
      const res = await put(env, '/api/articles/999999/draft', { title: '无' }, writer.token);
      expect([res.status, code(res.body)]).toEqual([404, ArticleError.NotFound]);
      const got = await read(env, '/api/articles/999999/draft', writer.token);
      expect([got.status, code(got.body)]).toEqual([404, ArticleError.NotFound]);
    });
  });

  describe("a member's unsent submission", () => {
    it('is kept for its writer alone: a colleague of the same unit does not see it; submitting clears it', async () => {
      const { unit, contact } = await unitWithContact(env);
      const mate = await colleague(env, unit, '钱同事');
      const draft = { category: 'case_study', title: '我们的优秀案例', summary: '简介' };
      expect((await put(env, '/api/submissions/draft', draft, contact.token)).status).toBe(200);
      expect(await kept(env, '/api/submissions/draft', contact.token)).toEqual(draft);
      expect(await kept(env, '/api/submissions/draft', mate.token)).toBeNull();
      expect(await kept(env, '/api/submissions/draft', unit.primary.token)).toBeNull();

      expect((await postSubmission(env, contact.token, submissionBody())).status).toBe(201);
      expect(await kept(env, '/api/submissions/draft', contact.token)).toBeNull();
    });

    it('only whoever may submit keeps one: not a person without a unit, staff, or a suspended unit', async () => {
      const stranger = await someone(env);
      const worker = await staff(env);
      for (const token of [stranger.token, worker.token]) {
        for (const res of [
          await read(env, '/api/submissions/draft', token),
          await put(env, '/api/submissions/draft', { title: '无' }, token),
        ]) {
          expect([res.status, code(res.body)]).toEqual([403, SubmissionError.NotAContact]);
        }
      }
      const { unit, contact } = await unitWithContact(env);
      await setStatus(env, unit.id, 'suspended');
      const res = await put(env, '/api/submissions/draft', { title: '停用后' }, contact.token);
      expect([res.status, code(res.body)]).toEqual([403, SubmissionError.NotAContact]);
      const anonymous = await read(env, '/api/submissions/draft');
      expect(anonymous.status).toBe(401);
    });
  });

  describe('what a draft may hold', () => {
    const bad: [string, unknown][] = [
      ['null', null],
      ['an array', [{ title: '数组' }]],
      ['an unknown field', { title: '标题', state: 'published' }],
      ['an unknown category', { category: 'gossip' }],
      ['a title of 201 characters', { title: '长'.repeat(201) }],
      ['a file id beyond what a column holds', { coverFileId: 2 ** 31 }],
      ['a fractional file id', { coverFileId: 1.5 }],
      ['an attachment without its name', { attachments: [{ fileId: 1, size: 10 }] }],
    ];

    it.each(bad)('%s: 400 VALIDATION_FAILED on every draft route, nothing kept', async (_name, body) => {
      const writer = await staff(env);
      const { contact } = await unitWithContact(env);
      const article = await createArticle(env, writer.token);
      for (const [path, token] of [
        ['/api/articles/draft', writer.token],
        [`/api/articles/${article.id}/draft`, writer.token],
        ['/api/submissions/draft', contact.token],
      ] as const) {
        const res = await put(env, path, JSON.stringify(body), token);
        expect([path, res.status, code(res.body)]).toEqual([path, 400, ErrorCode.ValidationFailed]);
        expect(await kept(env, path, token)).toBeNull();
      }
    });

    it('a malformed article id is 400, and a query string is refused', async () => {
      const writer = await staff(env);
      const res = await read(env, '/api/articles/abc/draft', writer.token);
      expect([res.status, code(res.body)]).toEqual([400, ErrorCode.ValidationFailed]);
      const query = await read(env, '/api/articles/draft?x=1', writer.token);
      expect([query.status, code(query.body)]).toEqual([400, ErrorCode.ValidationFailed]);
    });

    it('a draft over what its row holds: 413 ARTICLE_DRAFT_TOO_LARGE, nothing kept', async () => {
      const writer = await staff(env);
      const body = `<p>${'长'.repeat(30_000)}</p>`;
      const res = await put(env, '/api/articles/draft', { body }, writer.token);
      expect([res.status, code(res.body)]).toEqual([413, ArticleDraftError.TooLarge]);
      expect(await kept(env, '/api/articles/draft', writer.token)).toBeNull();
    });

    it('a body as long as an article may be is kept whole', async () => {
      const writer = await staff(env);
      const body = `<p>${'长'.repeat(20_000)}</p>`;
      expect((await put(env, '/api/articles/draft', { body }, writer.token)).status).toBe(200);
      expect(await kept(env, '/api/articles/draft', writer.token)).toEqual({ body });
    });
  });
});
