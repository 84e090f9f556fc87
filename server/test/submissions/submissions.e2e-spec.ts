import {
  ArticleError,
  ErrorCode,
  SubmissionError,
  messageListResponseSchema,
  submissionListResponseSchema,
  submissionSchema,
} from '@itss/shared';
import { DataSource } from 'typeorm';
import { AuditEntity } from '../../src/modules/audit/audit.entity';
import { FileEntity } from '../../src/modules/files/file.entity';
import { UsersService } from '../../src/modules/users/users.service';
import { ResponseCache } from '../../src/state/response-cache';
import { STANDIN_CONTENT_MARKERS } from '../../src/wechat/standin/standin';
import { codeOf, setStatus } from '../contacts/fixtures';
import { type AuthEnv, bearer, fault, postJson } from '../support/auth-env';
import { TEST_DB, TEST_TEMPLATES } from '../support/harness';
import { uploadLicence } from '../support/joining';
import {
  articleCount,
  articleRow,
  contentChecks,
  decide,
  get,
  postSubmission,
  someone,
  staff,
  startSubmissionsEnv,
  stateChanges,
  submissionBody,
  submit,
  unitWithContact,
} from './support';

describe(`member submissions on ${TEST_DB}`, () => {
  let env: AuthEnv;
  let staffToken: string;
  beforeAll(async () => {
    env = await startSubmissionsEnv();
    staffToken = (await staff(env)).token;
  });
  afterAll(() => env.close());

  describe('submitting', () => {
    it('stores a contact’s submission in review for their own unit, public once approved', async () => {
      const { unit, contact } = await unitWithContact(env);
      const { id, state } = await submit(env, contact.token);
      expect(state).toBe('in_review');
      const row = await articleRow(env, id);
      expect(row).toMatchObject({
        state: 'in_review',
        visibility: 'public',
        category: 'member_showcase',
        unitId: unit.id,
        submittedBy: contact.id,
        createdBy: contact.id,
        contentFlagged: false,
        publishedAt: null,
      });
      expect((await stateChanges(env, id)).map((c) => [c.state, c.actorId])).toEqual([
        ['in_review', contact.id],
      ]);
    });

    it('keeps the body sanitized, whatever the client sent', async () => {
      const { contact } = await unitWithContact(env);
      const { id } = await submit(
        env,
        contact.token,
        submissionBody({ body: '<p onclick="x()">正文<script>alert(1)</script></p>' }),
      );
      expect((await articleRow(env, id))?.body).toBe('<p>正文</p>');
    });

    it('sends title, summary and body text to msg_sec_check 2.0 with the submitter’s openid', async () => {
      const { contact } = await unitWithContact(env);
      const before = (await contentChecks(env)).length;
      await submit(env, contact.token);
      const checks = (await contentChecks(env)).slice(before);
      expect(checks).toHaveLength(1);
      const [check] = checks;
      if (check?.endpoint !== 'msg_sec_check') throw new Error('expected a text check');
      const submitter = await env.server.app.get(UsersService).findById(contact.id);
      expect(check.body).toEqual({
        version: 2,
        scene: 4,
        openid: submitter?.openid,
        title: '数字化转型助力智能制造',
        content: '我单位在工业互联网平台建设方面的实践。\n项目背景我单位于 2025 年启动工业互联网平台建设。',
      });
      expect(submitter?.openid).toMatch(/^o_contacts_colleague_/);
    });

    it('checks a long body in pieces WeChat takes, each within 2,500 characters', async () => {
      const { contact } = await unitWithContact(env);
      const before = (await contentChecks(env)).length;
      await submit(env, contact.token, submissionBody({ body: `<p>${'会员风采'.repeat(1500)}</p>` }));
      const checks = (await contentChecks(env)).slice(before);
      expect(checks).toHaveLength(3);
      for (const check of checks) {
        if (check.endpoint !== 'msg_sec_check') throw new Error('expected a text check');
        expect([...check.body.content].length).toBeLessThanOrEqual(2500);
      }
    });

    it('refuses risky text with 422 and stores nothing', async () => {
      const { contact } = await unitWithContact(env);
      const before = await articleCount(env);
      const res = await postSubmission(
        env,
        contact.token,
        submissionBody({ body: `<p>正文 ${STANDIN_CONTENT_MARKERS.risky}</p>` }),
      );
      expect(codeOf(res)).toEqual([422, ArticleError.ContentRisky]);
      expect(await articleCount(env)).toBe(before);
    });

    it('flags text WeChat wants reviewed: staff see the flag, the submitter does not', async () => {
      const { contact } = await unitWithContact(env);
      const { id } = await submit(
        env,
        contact.token,
        submissionBody({ summary: `摘要 ${STANDIN_CONTENT_MARKERS.review}` }),
      );
      expect((await articleRow(env, id))?.contentFlagged).toBe(true);
      const forStaff = submissionSchema.parse((await get(env, `/api/submissions/${id}`, staffToken)).body);
      expect(forStaff.flagged).toBe(true);
      const forContact = submissionSchema.parse(
        (await get(env, `/api/submissions/${id}`, contact.token)).body,
      );
      expect(forContact).not.toHaveProperty('flagged');
      const list = submissionListResponseSchema.parse(
        (await get(env, '/api/submissions', contact.token)).body,
      );
      expect(list.items.find((item) => item.id === id)).not.toHaveProperty('flagged');
    });

    it('keeps the submission, flagged for staff, when WeChat cannot be asked', async () => {
      const { contact } = await unitWithContact(env);
      await fault(env, 'msg_sec_check', { httpStatus: 502 });
      const { id } = await submit(env, contact.token);
      expect((await articleRow(env, id))?.contentFlagged).toBe(true);
    });

    it('refuses anyone who is not a contact of an active member unit (403)', async () => {
      const outsider = await someone(env, 'outsider');
      expect(codeOf(await postSubmission(env, outsider.token))).toEqual([403, SubmissionError.NotAContact]);
      const { unit, contact } = await unitWithContact(env);
      await setStatus(env, unit.id, 'suspended');
      expect(codeOf(await postSubmission(env, contact.token))).toEqual([403, SubmissionError.NotAContact]);
    });

    it('asks an anonymous caller to sign in (401)', async () => {
      const res = await postJson(env, '/api/submissions', submissionBody());
      expect(codeOf(res)).toEqual([401, ErrorCode.Unauthenticated]);
    });

    it('takes only the categories members submit', async () => {
      const { contact } = await unitWithContact(env);
      const res = await postSubmission(env, contact.token, submissionBody({ category: 'policy' }));
      expect(codeOf(res)).toEqual([400, ErrorCode.ValidationFailed]);
    });

    it('refuses a cover that is not the submitter’s own upload', async () => {
      const { contact } = await unitWithContact(env);
      const before = await articleCount(env);
      const res = await postSubmission(env, contact.token, submissionBody({ coverFileId: 999_999 }));
      expect(codeOf(res)).toEqual([400, ArticleError.FileUnusable]);
      expect(await articleCount(env)).toBe(before);
    });
  });

  describe('reading', () => {
    it('shows a unit’s submission to its contacts and staff, and to nobody else (404)', async () => {
      const a = await unitWithContact(env);
      const b = await unitWithContact(env);
      const { id } = await submit(env, a.contact.token);
      const path = `/api/submissions/${id}`;
      for (const token of [a.contact.token, a.unit.primary.token, staffToken]) {
        const res = await get(env, path, token);
        expect(res.status).toBe(200);
        expect(submissionSchema.parse(res.body)).toMatchObject({
          id,
          state: 'in_review',
          unit: { id: a.unit.id, name: a.unit.name },
          submitterName: expect.any(String) as string,
          rejectReason: null,
          decidedAt: null,
        });
      }
      const outsider = await someone(env, 'reader');
      expect(codeOf(await get(env, path, b.contact.token))).toEqual([404, SubmissionError.NotFound]);
      expect(codeOf(await get(env, path, outsider.token))).toEqual([404, SubmissionError.NotFound]);
      expect(codeOf(await get(env, '/api/submissions/999999', staffToken))).toEqual([
        404,
        SubmissionError.NotFound,
      ]);
      expect(codeOf(await get(env, path))).toEqual([401, ErrorCode.Unauthenticated]);
    });

    it('lists a contact’s own unit’s submissions only, newest first', async () => {
      const a = await unitWithContact(env);
      const b = await unitWithContact(env);
      const first = await submit(env, a.contact.token);
      const second = await submit(env, a.unit.primary.token);
      const other = await submit(env, b.contact.token);
      const res = await get(env, '/api/submissions', a.contact.token);
      expect(res.status).toBe(200);
      const ids = submissionListResponseSchema.parse(res.body).items.map((item) => item.id);
      expect(ids).toEqual([second.id, first.id]);
      expect(ids).not.toContain(other.id);
      const outsider = await someone(env, 'lister');
      expect(codeOf(await get(env, '/api/submissions', outsider.token))).toEqual([403, ErrorCode.Forbidden]);
    });

    it('gives staff the review queue oldest first, page by page without repeats', async () => {
      const { contact } = await unitWithContact(env);
      for (let i = 0; i < 3; i++) await submit(env, contact.token);
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const page = submissionListResponseSchema.parse(
          (await get(env, `/api/submissions?state=in_review&limit=2${query}`, staffToken)).body,
        );
        expect(page.items.every((item) => item.state === 'in_review' && item.flagged !== undefined)).toBe(
          true,
        );
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([...seen].sort((x, y) => x - y));
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBeGreaterThanOrEqual(3);
      expect(codeOf(await get(env, '/api/submissions?cursor=abc', staffToken))).toEqual([
        400,
        ErrorCode.ValidationFailed,
      ]);
    });
  });

  describe('deciding', () => {
    it('publishes on approval and tells the submitter in 消息 and by subscribe message', async () => {
      const { contact } = await unitWithContact(env);
      await postJson(
        env,
        '/api/notifications/subscriptions',
        { results: { [TEST_TEMPLATES.submission_decision]: 'accept' } },
        bearer(contact.token),
      );
      const { id } = await submit(env, contact.token);
      const res = await decide(env, staffToken, id, { decision: 'approve' });
      expect(res.status).toBe(200);
      expect(submissionSchema.parse(res.body)).toMatchObject({ id, state: 'published', rejectReason: null });
      const row = await articleRow(env, id);
      expect(row?.state).toBe('published');
      expect(row?.publishedAt).toBeInstanceOf(Date);
      expect(row?.decidedAt).toBeInstanceOf(Date);
      expect((await stateChanges(env, id)).map((c) => c.state)).toEqual(['in_review', 'published']);
      const audit = await env.server.app
        .get(DataSource)
        .getRepository(AuditEntity)
        .findBy({ action: 'submission.approved', target: `article:${id}` });
      expect(audit).toHaveLength(1);

      const messages = messageListResponseSchema.parse((await get(env, '/api/messages', contact.token)).body);
      expect(messages.items[0]).toMatchObject({
        purpose: 'submission_decision',
        title: '投稿已发布',
        page: `packages/submit/pages/detail/index?id=${id}`,
      });
      const delivered = (await (await fetch(`${env.standinUrl}/__standin/subscribe-messages`)).json()) as {
        messages: { template_id: string; page?: string; data: Record<string, { value: string }> }[];
      };
      expect(delivered.messages.at(-1)).toMatchObject({
        template_id: TEST_TEMPLATES.submission_decision,
        page: `packages/submit/pages/detail/index?id=${id}`,
        data: { phrase2: { value: '已通过' } },
      });
    });

    it('forgets cached article pages once an approval has committed, so lists show it', async () => {
      const cache = env.server.app.get(ResponseCache);
      await cache.getOrLoad('articles:list', 60_000, () => Promise.resolve('before'));
      const { contact } = await unitWithContact(env);
      const { id } = await submit(env, contact.token);
      expect((await decide(env, staffToken, id, { decision: 'approve' })).status).toBe(200);
      expect(await cache.getOrLoad('articles:list', 60_000, () => Promise.resolve('after'))).toBe('after');
    });

    it('makes the submitter’s uploaded cover the article’s', async () => {
      const { contact } = await unitWithContact(env);
      const coverFileId = await uploadLicence(env, contact.token);
      const { id } = await submit(env, contact.token, submissionBody({ coverFileId }));
      const seen = submissionSchema.parse((await get(env, `/api/submissions/${id}`, contact.token)).body);
      expect(seen.coverUrl).toBe(`/api/articles/files/${coverFileId}`);
      const file = await env.server.app
        .get(DataSource)
        .getRepository(FileEntity)
        .findOneBy({ id: coverFileId });
      expect(file).toMatchObject({ ownerType: 'article', ownerId: id });
    });

    it('rejects only with a reason, which the submitter sees on the submission and in 消息', async () => {
      const { contact } = await unitWithContact(env);
      const { id } = await submit(env, contact.token);
      expect(codeOf(await decide(env, staffToken, id, { decision: 'reject' }))).toEqual([
        400,
        ErrorCode.ValidationFailed,
      ]);
      const res = await decide(env, staffToken, id, { decision: 'reject', reason: '请补充项目成效数据' });
      expect(res.status).toBe(200);
      const seen = submissionSchema.parse((await get(env, `/api/submissions/${id}`, contact.token)).body);
      expect(seen).toMatchObject({ state: 'rejected', rejectReason: '请补充项目成效数据' });
      expect(seen.decidedAt).not.toBeNull();
      expect((await articleRow(env, id))?.publishedAt).toBeNull();
      expect((await stateChanges(env, id)).at(-1)).toMatchObject({
        state: 'rejected',
        reason: '请补充项目成效数据',
      });
      const messages = messageListResponseSchema.parse((await get(env, '/api/messages', contact.token)).body);
      expect(messages.items[0]).toMatchObject({ purpose: 'submission_decision', title: '投稿未通过审核' });
      expect(messages.items[0]?.body).toContain('请补充项目成效数据');
    });

    it('refuses a second decision (409)', async () => {
      const { contact } = await unitWithContact(env);
      const { id } = await submit(env, contact.token);
      expect((await decide(env, staffToken, id, { decision: 'approve' })).status).toBe(200);
      expect(codeOf(await decide(env, staffToken, id, { decision: 'reject', reason: '重复' }))).toEqual([
        409,
        SubmissionError.AlreadyDecided,
      ]);
    });

    it('lets only staff decide, and answers 404 for what is not a submission', async () => {
      const { contact } = await unitWithContact(env);
      const { id } = await submit(env, contact.token);
      expect(codeOf(await decide(env, contact.token, id, { decision: 'approve' }))).toEqual([
        403,
        ErrorCode.Forbidden,
      ]);
      expect(codeOf(await decide(env, staffToken, 999_999, { decision: 'approve' }))).toEqual([
        404,
        SubmissionError.NotFound,
      ]);
    });
  });
});
