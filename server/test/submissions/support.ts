import { randomBytes } from 'node:crypto';
import { type CreateSubmissionResponse, createSubmissionResponseSchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { ArticleEntity, ArticleStateChangeEntity } from '../../src/modules/articles/article.entity';
import type { StandinContentCheck } from '../../src/wechat/standin/standin';
import { type MemberUnit, colleague, memberUnit, someone } from '../contacts/fixtures';
import { type AuthEnv, bearer, postJson, startAuthEnv } from '../support/auth-env';
import { TEST_TEMPLATES } from '../support/harness';
import { person } from '../support/joining';

const run = randomBytes(3).toString('hex');
let sequence = 0;

/** The server with the submission template configured, as production would have it. */
export function startSubmissionsEnv(): Promise<AuthEnv> {
  return startAuthEnv((config) => ({
    ...config,
    wechat: {
      ...config.wechat,
      templates: { ...config.wechat.templates, submission_decision: TEST_TEMPLATES.submission_decision },
    },
  }));
}

export function submissionBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    category: 'member_showcase',
    title: '数字化转型助力智能制造',
    summary: '我单位在工业互联网平台建设方面的实践。',
    body: '<h2>项目背景</h2><p>我单位于 2025 年启动<strong>工业互联网</strong>平台建设。</p>',
    ...overrides,
  };
}

export function postSubmission(env: AuthEnv, token: string, body: unknown = submissionBody()) {
  return postJson(env, '/api/submissions', body, bearer(token));
}

export async function submit(
  env: AuthEnv,
  token: string,
  body: unknown = submissionBody(),
): Promise<CreateSubmissionResponse> {
  const res = await postSubmission(env, token, body);
  if (res.status !== 201) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
  return createSubmissionResponseSchema.parse(res.body);
}

export function decide(env: AuthEnv, token: string, id: number, body: unknown) {
  return postJson(env, `/api/submissions/${id}/decisions`, body, bearer(token));
}

export function get(env: AuthEnv, path: string, token?: string) {
  return env.server.get(path, { headers: token ? bearer(token) : {} });
}

/** A staff member of this file's database. */
export async function staff(env: AuthEnv): Promise<{ id: number; token: string }> {
  return person(env, `o_submissions_staff_${run}_${sequence++}`, ['staff']);
}

/** A member unit and a second contact of it (not the primary one), who submits. */
export async function unitWithContact(
  env: AuthEnv,
): Promise<{ unit: MemberUnit; contact: { id: number; token: string } }> {
  const unit = await memberUnit(env);
  return { unit, contact: await colleague(env, unit, '赵投稿') };
}

export { someone };

export function articleRow(env: AuthEnv, id: number): Promise<ArticleEntity | null> {
  return env.server.app.get(DataSource).getRepository(ArticleEntity).findOneBy({ id });
}

export function articleCount(env: AuthEnv): Promise<number> {
  return env.server.app.get(DataSource).getRepository(ArticleEntity).count();
}

export function stateChanges(env: AuthEnv, articleId: number): Promise<ArticleStateChangeEntity[]> {
  return env.server.app
    .get(DataSource)
    .getRepository(ArticleStateChangeEntity)
    .find({ where: { articleId }, order: { id: 'ASC' } });
}

/** What the stand-in's content checks received, oldest first. */
export async function contentChecks(env: AuthEnv): Promise<StandinContentCheck[]> {
  const response = await fetch(`${env.standinUrl}/__standin/content-checks`);
  return ((await response.json()) as { checks: StandinContentCheck[] }).checks;
}
