import { errorBodySchema } from '@itss/shared';
import { articleBody, staff } from '../articles/support';
import { type AuthEnv, bearer, postJson, startAuthEnv } from '../support/auth-env';
import { TEST_DB } from '../support/harness';
import {
  applicationBody,
  person,
  postApplication,
  submitApplication,
  uploadLicence,
} from '../support/joining';
import { submissionBody, unitWithContact } from '../submissions/support';

/** One past the largest value of the INT columns ids are kept in. */
const PAST_INT = 2 ** 31;

function refusal(res: { status: number; body: unknown }) {
  const body = errorBodySchema.parse(res.body);
  return { status: res.status, code: body.code, paths: (body.details ?? []).map((d) => d.path) };
}

describe(`bodies no form would send, on ${TEST_DB}`, () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv();
  });
  afterAll(() => env.close());

  const putJson = (path: string, body: string, token: string) =>
    env.server.get(path, {
      method: 'PUT',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      body,
    });

  it('refuses a JSON null, an array or a number as an application with 400, never 500', async () => {
    const applicant = await person(env, 'o_hostile_applicant');
    const application = await submitApplication(env, applicant.token);
    for (const body of ['null', '[]', '7', '"text"']) {
      const created = await postApplication(env, applicant.token, body);
      expect([body, created.status, refusal(created).code]).toEqual([body, 400, 'VALIDATION_FAILED']);
      const edited = await putJson(`/api/applications/${application.id}`, body, applicant.token);
      expect([body, edited.status, refusal(edited).code]).toEqual([body, 400, 'VALIDATION_FAILED']);
      const draft = await putJson('/api/applications/draft', body, applicant.token);
      expect([body, draft.status]).toEqual([body, 400]);
    }
  });

  it('refuses a file id past what the database holds as a field error (400), on every route that takes one', async () => {
    const applicant = await person(env, 'o_hostile_ids');
    const licence = await uploadLicence(env, applicant.token);
    const tooLarge = await postApplication(env, applicant.token, {
      ...applicationBody(licence),
      licenceFileId: PAST_INT,
    });
    expect(refusal(tooLarge)).toEqual({ status: 400, code: 'VALIDATION_FAILED', paths: ['licenceFileId'] });

    const { contact } = await unitWithContact(env);
    const submission = await postJson(
      env,
      '/api/submissions',
      submissionBody({ coverFileId: PAST_INT }),
      bearer(contact.token),
    );
    expect(refusal(submission)).toEqual({ status: 400, code: 'VALIDATION_FAILED', paths: ['coverFileId'] });

    const editor = await staff(env, 'hostile');
    for (const [field, value] of [
      ['coverFileId', PAST_INT],
      ['attachmentFileIds', [PAST_INT]],
    ] as const) {
      const article = await postJson(
        env,
        '/api/articles',
        { ...articleBody(), [field]: value },
        bearer(editor.token),
      );
      expect(refusal(article).status).toBe(400);
      expect(refusal(article).code).toBe('VALIDATION_FAILED');
      expect(refusal(article).paths[0]).toMatch(new RegExp(`^${field}`));
    }
    const inBody = await postJson(
      env,
      '/api/articles',
      articleBody({ body: `<p>图</p><img src="/api/articles/files/${PAST_INT * 10}">` }),
      bearer(editor.token),
    );
    expect(inBody.status).toBe(400);
    const unit = await postJson(
      env,
      '/api/articles',
      { ...articleBody({ category: 'member_showcase' }), unitId: PAST_INT },
      bearer(editor.token),
    );
    expect(refusal(unit)).toEqual({ status: 400, code: 'VALIDATION_FAILED', paths: ['unitId'] });
    const inPath = await env.server.get(`/api/applications/${PAST_INT}`, { headers: bearer(editor.token) });
    expect(refusal(inPath)).toEqual({ status: 400, code: 'VALIDATION_FAILED', paths: ['id'] });
  });
});
