import { createSubmissionResponseSchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { ArticleDraftEntity } from '../../src/modules/articles/article-draft.entity';
import { type ConcurrencyCase, atOnce, tally, times } from '../support/concurrency';
import { articleRow, staff, stateChanges, submissionBody, submit, unitWithContact } from './support';

export const CONCURRENCY: ConcurrencyCase[] = [
  {
    route: 'POST /api/submissions',
    title: 'one contact submitting six times at once: six submissions, each with its own history',
    async run(env) {
      const { contact } = await unitWithContact(env);
      const answers = await atOnce(
        env,
        times(6, { method: 'POST', path: '/api/submissions', token: contact.token, body: submissionBody() }),
      );
      expect(tally(answers)).toEqual({ '201': 6 });
      const ids = answers.map((answer) => createSubmissionResponseSchema.parse(answer.body).id);
      expect(new Set(ids).size).toBe(6);
      for (const id of ids) expect((await stateChanges(env, id)).map((c) => c.state)).toEqual(['in_review']);
    },
  },
  {
    route: 'POST /api/submissions/:id/decisions',
    title: 'two staff approving and rejecting one submission at once: one decides, the other 409',
    async run(env) {
      const { contact } = await unitWithContact(env);
      const { id } = await submit(env, contact.token);
      const [first, second] = [await staff(env), await staff(env)];
      const path = `/api/submissions/${id}/decisions`;
      const answers = await atOnce(env, [
        ...times(3, { method: 'POST', path, token: first.token, body: { decision: 'approve' } }),
        ...times(3, {
          method: 'POST',
          path,
          token: second.token,
          body: { decision: 'reject', reason: '内容与单位无关' },
        }),
      ]);
      expect(tally(answers)).toEqual({ '200': 1, '409 SUBMISSION_ALREADY_DECIDED': 5 });
      const row = await articleRow(env, id);
      const changes = (await stateChanges(env, id)).map((c) => c.state);
      expect(changes).toEqual(['in_review', row?.state]);
      expect(['published', 'rejected']).toContain(row?.state);
    },
  },
  {
    route: 'PUT /api/submissions/draft',
    title: 'the first save of a submission draft five times at once: all 200, one draft kept',
    async run(env) {
      const { contact } = await unitWithContact(env);
      const call = { method: 'PUT' as const, path: '/api/submissions/draft', token: contact.token };
      expect(tally(await atOnce(env, times(5, { ...call, body: { title: '同时保存的投稿' } })))).toEqual({
        '200': 5,
      });
      const drafts = env.server.app.get(DataSource).getRepository(ArticleDraftEntity);
      expect(await drafts.countBy({ userId: contact.id, draftKey: 'submission' })).toBe(1);
    },
  },
];
