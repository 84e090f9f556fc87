import { applicationDraftResponseSchema, applicationSchema, errorBodySchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import {
  ApplicationEntity,
  ApplicationHistoryEntity,
} from '../../src/modules/applications/application.entity';
import { AuditEntity } from '../../src/modules/audit/audit.entity';
import { FileEntity } from '../../src/modules/files/file.entity';
import { type AuthEnv, bearer, login, startAuthEnv } from '../support/auth-env';
import {
  applicationBody,
  applicationIn,
  decided,
  idempotencyKey,
  mismatchedCreditCode,
  person,
  postApplication,
  setupStaffToken,
  uploadLicence,
} from '../support/joining';

describe('applications: drafts and submission', () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv();
  });
  afterAll(() => env.close());

  const ds = () => env.server.app.get(DataSource);
  async function counts() {
    return {
      applications: await ds().getRepository(ApplicationEntity).count(),
      history: await ds().getRepository(ApplicationHistoryEntity).count(),
      audit: await ds()
        .getRepository(AuditEntity)
        .count({ where: { action: 'application.submitted' } }),
      claimed: await ds()
        .getRepository(FileEntity)
        .count({ where: { ownerType: 'application' } }),
    };
  }
  const codeOf = (res: { status: number; body: unknown }) => [
    res.status,
    errorBodySchema.parse(res.body).code,
  ];

  it('keeps a partial draft on the server, read back from another login (another phone), cleared by submitting', async () => {
    const first = await person(env, 'o_drafter');
    const empty = await env.server.get('/api/applications/draft', { headers: bearer(first.token) });
    expect(applicationDraftResponseSchema.parse(empty.body)).toEqual({ draft: null, updatedAt: null });
    const draft = {
      unitName: '半截名称',
      creditCode: '9111',
      contact: { mobile: '139' },
      level: 'member' as const,
    };
    const saved = await env.server.get('/api/applications/draft', {
      method: 'PUT',
      headers: { ...bearer(first.token), 'content-type': 'application/json' },
      body: JSON.stringify(draft),
    });
    expect(saved.status).toBe(200);
    const { token: otherPhone } = await login(env, 'o_drafter');
    const read = applicationDraftResponseSchema.parse(
      (await env.server.get('/api/applications/draft', { headers: bearer(otherPhone) })).body,
    );
    expect(read.draft).toEqual(draft);
    expect(read.updatedAt).not.toBeNull();

    const bad = await env.server.get('/api/applications/draft', {
      method: 'PUT',
      headers: { ...bearer(first.token), 'content-type': 'application/json' },
      body: JSON.stringify({ level: 'president', surprise: 1 }),
    });
    expect(codeOf(bad)).toEqual([400, 'VALIDATION_FAILED']);

    const res = await postApplication(
      env,
      first.token,
      applicationBody(await uploadLicence(env, first.token)),
    );
    expect(res.status).toBe(201);
    const after = await env.server.get('/api/applications/draft', { headers: bearer(otherPhone) });
    expect(applicationDraftResponseSchema.parse(after.body).draft).toBeNull();
  });

  it('submits: 201 submitted, the fee and consent versions recorded, the history started, audited; no checksum flag for the applicant', async () => {
    const { token } = await person(env, 'o_applicant');
    const body = applicationBody(await uploadLicence(env, token), { level: 'vice_president' });
    const res = await postApplication(env, token, body);
    expect(res.status).toBe(201);
    const application = applicationSchema.parse(res.body);
    expect(application).toMatchObject({
      state: 'submitted',
      annualFeeYuan: 30000,
      consents: { rulesVersion: '2026-11', privacyVersion: '2026-11' },
      unit: null,
      campaign: null,
    });
    expect(application.history).toEqual([
      {
        state: 'submitted',
        at: application.submittedAt,
        by: { role: 'applicant', displayName: '李四' },
        note: null,
      },
    ]);
    expect(application).not.toHaveProperty('creditCodeChecksumValid');
    const mine = (await env.server.get('/api/applications/mine', { headers: bearer(token) })).body;
    expect(mine).toEqual({
      items: [expect.objectContaining({ id: application.id, contactMobileMasked: '139****5678' })],
    });
  });

  it('answers the same application to the same Idempotency-Key, and refuses the key with another body', async () => {
    const { token } = await person(env, 'o_retrier');
    const body = applicationBody(await uploadLicence(env, token));
    const key = idempotencyKey();
    const first = await postApplication(env, token, body, key);
    const before = await counts();
    const again = await postApplication(env, token, body, key);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(applicationSchema.parse(again.body).id).toBe(applicationSchema.parse(first.body).id);
    expect(await counts()).toEqual(before);
    const changed = await postApplication(env, token, { ...body, unitName: '另一个单位名称有限公司' }, key);
    expect(codeOf(changed)).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
    expect(await counts()).toEqual(before);
  });

  it('refuses a submission without an Idempotency-Key (400) or with a malformed one', async () => {
    const { token } = await person(env, 'o_nokey');
    const body = applicationBody(await uploadLicence(env, token));
    const none = await env.server.get('/api/applications', {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(codeOf(none)).toEqual([400, 'IDEMPOTENCY_KEY_MISSING']);
    expect(codeOf(await postApplication(env, token, body, 'short'))).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('refuses missing consent and a bad credit-code format with 400 and a Chinese message per field; nothing saved', async () => {
    const { token } = await person(env, 'o_careless');
    const licence = await uploadLicence(env, token);
    const before = await counts();
    const res = await postApplication(env, token, {
      ...applicationBody(licence),
      creditCode: '12345',
      consents: { rules: true },
      contact: { name: '李四', title: '经理', mobile: '12345', email: 'not-mail' },
      city: '不存在的市',
    });
    expect(res.status).toBe(400);
    const error = errorBodySchema.parse(res.body);
    expect(error.code).toBe('VALIDATION_FAILED');
    const byPath = Object.fromEntries((error.details ?? []).map((d) => [d.path, d.message]));
    expect(byPath).toMatchObject({
      creditCode: '统一社会信用代码应为 18 位数字或大写字母',
      'consents.privacy': '请阅读并同意《隐私政策》',
      'contact.mobile': '请输入正确的 11 位手机号（以 13–19 开头）',
      'contact.email': '请输入正确的邮箱地址',
      city: '请选择正确的省份和城市',
    });
    expect(await counts()).toEqual(before);
  });

  it('accepts a credit code whose checksum fails, and flags it to staff only', async () => {
    const applicant = await person(env, 'o_pilot_code');
    const licence = await uploadLicence(env, applicant.token);
    const res = await postApplication(
      env,
      applicant.token,
      applicationBody(licence, { creditCode: mismatchedCreditCode() }),
    );
    expect(res.status).toBe(201);
    const application = applicationSchema.parse(res.body);
    expect(application).not.toHaveProperty('creditCodeChecksumValid');
    const staff = await setupStaffToken(env);
    const seen = applicationSchema.parse(
      (await env.server.get(`/api/applications/${application.id}`, { headers: bearer(staff) })).body,
    );
    expect(seen.creditCodeChecksumValid).toBe(false);
    const valid = await applicationIn(env, applicant.token, 'submitted');
    const seenValid = (await env.server.get(`/api/applications/${valid.id}`, { headers: bearer(staff) }))
      .body;
    expect(applicationSchema.parse(seenValid).creditCodeChecksumValid).toBe(true);
  });

  it('refuses a second open application for the same credit code (409 naming where the first stands, nothing of it), allows one after a rejection', async () => {
    const first = await person(env, 'o_first_of_unit');
    const second = await person(env, 'o_second_of_unit');
    const open = await applicationIn(env, first.token, 'submitted');
    const code = open.creditCode;
    const res = await postApplication(
      env,
      second.token,
      applicationBody(await uploadLicence(env, second.token), { creditCode: code }),
    );
    expect(codeOf(res)).toEqual([409, 'APPLICATION_EXISTS']);
    expect(errorBodySchema.parse(res.body).message).toBe('该单位的入会申请正在审核中，请勿重复提交');
    expect(JSON.stringify(res.body)).not.toContain(open.unitName);
    expect(JSON.stringify(res.body)).not.toContain('李四');

    await decided(env, await setupStaffToken(env), open.id, 'needs_info', '请补充盖章页');
    const waiting = await postApplication(
      env,
      second.token,
      applicationBody(await uploadLicence(env, second.token), { creditCode: code }),
    );
    expect(errorBodySchema.parse(waiting.body).message).toBe(
      '该单位的入会申请正等待补充材料，请在“我的申请”中补充后重新提交',
    );

    const other = await person(env, 'o_third_of_unit');
    const own = await applicationIn(env, other.token, 'submitted');
    await decided(env, await setupStaffToken(env), own.id, 'reject', '材料不实');
    const retry = await postApplication(
      env,
      other.token,
      applicationBody(await uploadLicence(env, other.token), { creditCode: own.creditCode }),
    );
    expect(retry.status).toBe(201);
  });

  it('refuses an application from a unit that is already an active member (409 APPLICATION_ALREADY_MEMBER)', async () => {
    const member = await person(env, 'o_member_contact');
    const approved = await applicationIn(env, member.token, 'approved');
    const colleague = await person(env, 'o_member_colleague');
    const res = await postApplication(
      env,
      colleague.token,
      applicationBody(await uploadLicence(env, colleague.token), { creditCode: approved.creditCode }),
    );
    expect(codeOf(res)).toEqual([409, 'APPLICATION_ALREADY_MEMBER']);
  });

  it("refuses another person's upload as the licence, an unknown file, and a licence another application owns; nothing saved", async () => {
    const thief = await person(env, 'o_thief');
    const victim = await person(env, 'o_victim');
    const victimsFile = await uploadLicence(env, victim.token);
    const before = await counts();
    for (const licenceFileId of [victimsFile, 999_999]) {
      const res = await postApplication(env, thief.token, applicationBody(licenceFileId));
      expect(codeOf(res)).toEqual([400, 'APPLICATION_LICENCE_INVALID']);
      expect(errorBodySchema.parse(res.body).details).toEqual([
        { path: 'licenceFileId', message: '营业执照文件无效，请重新上传' },
      ]);
    }
    expect(await counts()).toEqual(before);
    const used = await applicationIn(env, thief.token, 'submitted');
    const reuse = await postApplication(env, thief.token, applicationBody(used.licence.id));
    expect(codeOf(reuse)).toEqual([400, 'APPLICATION_LICENCE_INVALID']);
  });
});
