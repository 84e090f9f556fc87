import {
  LEVELS,
  applicationSchema,
  billListResponseSchema,
  errorBodySchema,
  meSchema,
  unitSchema,
} from '@itss/shared';
import { Workbook } from 'exceljs';
import { DataSource } from 'typeorm';
import {
  ApplicationEntity,
  ApplicationHistoryEntity,
} from '../../src/modules/applications/application.entity';
import { AuditEntity } from '../../src/modules/audit/audit.entity';
import { BillEntity } from '../../src/modules/dues/bill.entity';
import { DuesService } from '../../src/modules/dues/dues.service';
import { UnitContactEntity } from '../../src/modules/units/unit-contact.entity';
import { UnitEntity } from '../../src/modules/units/unit.entity';
import { type AuthEnv, bearer, postJson, startAuthEnv } from '../support/auth-env';
import {
  applicationBody,
  applicationIn,
  decide,
  decided,
  person,
  submitApplication,
  uploadLicence,
} from '../support/joining';

describe('applications: states, staff review, approval', () => {
  let env: AuthEnv;
  let staff: { id: number; token: string };
  beforeAll(async () => {
    env = await startAuthEnv();
    staff = await person(env, 'o_reviewer', ['staff']);
  });
  afterAll(() => env.close());

  const ds = () => env.server.app.get(DataSource);
  const codeOf = (res: { status: number; body: unknown }) => [
    res.status,
    errorBodySchema.parse(res.body).code,
  ];
  const get = (path: string, token: string) => env.server.get(path, { headers: bearer(token) });
  const put = (path: string, token: string, body: unknown) =>
    env.server.get(path, {
      method: 'PUT',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('runs submitted → needs_info → (edit) → resubmitted → approved, each step kept with who, when and the reason', async () => {
    const applicant = await person(env, 'o_journey');
    const submitted = await submitApplication(env, applicant.token);
    const asked = await decided(
      env,
      staff.token,
      submitted.id,
      'needs_info',
      '营业执照照片不清晰，请重新上传',
    );
    expect(asked.state).toBe('needs_info');

    // The applicant sees the reason, and the department rather than the staff member's name.
    const seen = applicationSchema.parse(
      (await get(`/api/applications/${submitted.id}`, applicant.token)).body,
    );
    expect(seen.history.map((h) => [h.state, h.by, h.note])).toEqual([
      ['submitted', { role: 'applicant', displayName: '李四' }, null],
      ['needs_info', { role: 'staff', displayName: '会员服务部' }, '营业执照照片不清晰，请重新上传'],
    ]);
    const newLicence = await uploadLicence(env, applicant.token);
    const edited = await put(
      `/api/applications/${submitted.id}`,
      applicant.token,
      applicationBody(newLicence, {
        creditCode: submitted.creditCode,
        unitName: '北京示例信息技术股份有限公司',
      }),
    );
    expect(edited.status).toBe(200);
    expect(applicationSchema.parse(edited.body)).toMatchObject({
      state: 'needs_info',
      unitName: '北京示例信息技术股份有限公司',
      licence: { id: newLicence },
    });
    const resubmitted = await postJson(
      env,
      `/api/applications/${submitted.id}/resubmit`,
      {},
      bearer(applicant.token),
    );
    expect(applicationSchema.parse(resubmitted.body).state).toBe('resubmitted');
    const approved = await decided(env, staff.token, submitted.id, 'approve');
    expect(approved.state).toBe('approved');
    expect(approved.history.map((h) => h.state)).toEqual([
      'submitted',
      'needs_info',
      'resubmitted',
      'approved',
    ]);
    // Staff see who decided.
    expect(approved.history[1]?.by).toEqual({ role: 'staff', displayName: '测试用户' });
    const audit = await ds()
      .getRepository(AuditEntity)
      .find({ where: { target: `application:${submitted.id}` }, order: { id: 'ASC' } });
    expect(audit.map((a) => a.action)).toEqual([
      'application.submitted',
      'application.needs_info',
      'application.resubmitted',
      'application.approved',
    ]);
  });

  it('approval makes the member unit with the applicant as primary contact (GET /api/me shows it) and an unpaid bill at the level fee', async () => {
    const applicant = await person(env, 'o_new_member');
    const application = await submitApplication(env, applicant.token, { level: 'committee' });
    const approved = await decided(env, staff.token, application.id, 'approve');
    const unitId = approved.unit?.id;
    expect(approved.unit?.name).toBe(application.unitName);

    const me = meSchema.parse((await get('/api/me', applicant.token)).body);
    expect(me.unit).toEqual({
      id: unitId,
      name: application.unitName,
      level: 'committee',
      status: 'active',
      isPrimaryContact: true,
    });
    const unit = unitSchema.parse((await get(`/api/units/${unitId}`, applicant.token)).body);
    expect(unit).toMatchObject({
      name: application.unitName,
      creditCode: application.creditCode,
      level: 'committee',
      status: 'active',
      isPrimaryContact: true,
      province: '北京市',
      city: '海淀区',
    });
    const bills = billListResponseSchema.parse(
      (await get(`/api/units/${unitId}/bills`, applicant.token)).body,
    );
    const fee = LEVELS.find((level) => level.code === 'committee')?.annualFeeYuan;
    expect(bills.items).toEqual([
      expect.objectContaining({
        year: Number(
          new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4),
        ),
        amountFen: (fee ?? 0) * 100,
        status: 'unpaid',
        level: 'committee',
      }),
    ]);
    // Staff see it too; anyone else does not learn it exists.
    expect((await get(`/api/units/${unitId}`, staff.token)).status).toBe(200);
    const stranger = await person(env, 'o_unit_stranger');
    expect((await get(`/api/units/${unitId}`, stranger.token)).status).toBe(404);
    expect((await get(`/api/units/${unitId}/bills`, stranger.token)).status).toBe(404);
    const actions = await ds()
      .getRepository(AuditEntity)
      .find({ where: { target: `unit:${unitId}` }, order: { id: 'ASC' } });
    expect(actions.map((a) => a.action)).toEqual(['unit.created']);
    // The bill's opening is in the bill's own history.
    const billActions = await ds()
      .getRepository(AuditEntity)
      .find({ where: { target: `bill:${bills.items[0]?.id}` } });
    expect(billActions.map((a) => a.action)).toEqual(['bill.opened']);
  });

  it('a failure during approval leaves nothing: no unit, no contact, no bill, no history, no audit, still submitted', async () => {
    const applicant = await person(env, 'o_unlucky');
    const application = await submitApplication(env, applicant.token);
    const tables = async () => ({
      units: await ds().getRepository(UnitEntity).count(),
      contacts: await ds().getRepository(UnitContactEntity).count(),
      bills: await ds().getRepository(BillEntity).count(),
      history: await ds().getRepository(ApplicationHistoryEntity).count(),
      audit: await ds().getRepository(AuditEntity).count(),
    });
    const before = await tables();
    // The bill is the last step, after the unit and its contact are written.
    const spy = jest
      .spyOn(env.server.app.get(DuesService), 'openFirstBill')
      .mockRejectedValueOnce(new Error('storage failed mid-approval'));
    try {
      const res = await decide(env, staff.token, application.id, 'approve');
      expect(codeOf(res)).toEqual([500, 'INTERNAL_ERROR']);
    } finally {
      spy.mockRestore();
    }
    expect(await tables()).toEqual(before);
    const still = applicationSchema.parse(
      (await get(`/api/applications/${application.id}`, applicant.token)).body,
    );
    expect(still.state).toBe('submitted');
    expect(meSchema.parse((await get('/api/me', applicant.token)).body).unit).toBeNull();
    expect((await decided(env, staff.token, application.id, 'approve')).state).toBe('approved');
  });

  it('reject and needs_info need a reason (400 on the reason field); approve does not', async () => {
    const applicant = await person(env, 'o_reasons');
    const application = await submitApplication(env, applicant.token);
    for (const decision of ['reject', 'needs_info'] as const) {
      for (const reason of [undefined, ' ', '无']) {
        const res = await decide(env, staff.token, application.id, decision, reason);
        expect(codeOf(res)).toEqual([400, 'VALIDATION_FAILED']);
        expect(errorBodySchema.parse(res.body).details?.[0]?.path).toBe('reason');
      }
    }
    const rejected = await decided(env, staff.token, application.id, 'reject', '不符合入会条件');
    expect(rejected.history.at(-1)).toMatchObject({ state: 'rejected', note: '不符合入会条件' });
  });

  it('refuses every move the state does not allow (409 APPLICATION_WRONG_STATE)', async () => {
    const applicant = await person(env, 'o_wrong_moves');
    const submitted = await submitApplication(env, applicant.token);
    const path = `/api/applications/${submitted.id}`;
    const licence = await uploadLicence(env, applicant.token);
    const body = applicationBody(licence, { creditCode: submitted.creditCode });
    // Editing and resubmitting only when staff asked for more.
    expect(codeOf(await put(path, applicant.token, body))).toEqual([409, 'APPLICATION_WRONG_STATE']);
    expect(codeOf(await postJson(env, `${path}/resubmit`, {}, bearer(applicant.token)))).toEqual([
      409,
      'APPLICATION_WRONG_STATE',
    ]);
    await decided(env, staff.token, submitted.id, 'reject', '材料不全');
    // A decided application: no second decision, no withdrawal, no edit.
    for (const decision of ['approve', 'reject', 'needs_info'] as const) {
      expect(codeOf(await decide(env, staff.token, submitted.id, decision, '再次审核'))).toEqual([
        409,
        'APPLICATION_WRONG_STATE',
      ]);
    }
    expect(codeOf(await postJson(env, `${path}/withdraw`, {}, bearer(applicant.token)))).toEqual([
      409,
      'APPLICATION_WRONG_STATE',
    ]);
    expect(codeOf(await put(path, applicant.token, body))).toEqual([409, 'APPLICATION_WRONG_STATE']);
    // Waiting for the applicant: staff cannot decide until it comes back.
    const waiting = await applicationIn(env, applicant.token, 'needs_info');
    expect(codeOf(await decide(env, staff.token, waiting.id, 'approve'))).toEqual([
      409,
      'APPLICATION_WRONG_STATE',
    ]);
  });

  it('lets the applicant withdraw before a decision (also from needs_info), twice the same; then staff cannot decide', async () => {
    const applicant = await person(env, 'o_withdrawer');
    for (const state of ['submitted', 'needs_info'] as const) {
      const application = await applicationIn(env, applicant.token, state);
      const path = `/api/applications/${application.id}/withdraw`;
      const first = await postJson(env, path, {}, bearer(applicant.token));
      const second = await postJson(env, path, {}, bearer(applicant.token));
      expect([first.status, second.status]).toEqual([200, 200]);
      const withdrawn = applicationSchema.parse(second.body);
      expect(withdrawn.state).toBe('withdrawn');
      expect(withdrawn.history.filter((h) => h.state === 'withdrawn')).toHaveLength(1);
      expect(codeOf(await decide(env, staff.token, application.id, 'approve'))).toEqual([
        409,
        'APPLICATION_WRONG_STATE',
      ]);
    }
  });

  it('hides an application from anyone but its applicant and staff: another person cannot read, change, resubmit or withdraw it, nor read its licence (404)', async () => {
    const applicant = await person(env, 'o_private');
    const other = await person(env, 'o_nosy');
    const application = await applicationIn(env, applicant.token, 'needs_info');
    const path = `/api/applications/${application.id}`;
    const otherLicence = await uploadLicence(env, other.token);
    const before = await ds().getRepository(ApplicationEntity).findOneByOrFail({ id: application.id });
    const answers = [
      await get(path, other.token),
      await put(path, other.token, applicationBody(otherLicence, { creditCode: application.creditCode })),
      await postJson(env, `${path}/resubmit`, {}, bearer(other.token)),
      await postJson(env, `${path}/withdraw`, {}, bearer(other.token)),
      await get(`/api/files/${application.licence.id}`, other.token),
      await get('/api/applications/999999', other.token),
    ];
    expect(answers.map(codeOf)).toEqual(Array(6).fill([404, 'NOT_FOUND']));
    expect(await ds().getRepository(ApplicationEntity).findOneByOrFail({ id: application.id })).toEqual(
      before,
    );
    // Staff read it and its licence, but do not edit it for the applicant.
    expect((await get(path, staff.token)).status).toBe(200);
    expect((await get(`/api/files/${application.licence.id}`, staff.token)).status).toBe(200);
    expect((await put(path, staff.token, applicationBody(otherLicence))).status).toBe(404);
    // Only staff list them.
    expect(codeOf(await get('/api/applications', other.token))).toEqual([403, 'FORBIDDEN']);
    const mine = (await get('/api/applications/mine', other.token)).body as { items: unknown[] };
    expect(mine.items).toEqual([]);
  });

  it('exports the filtered list as a real .xlsx with Chinese headers', async () => {
    const applicant = await person(env, 'o_exported');
    const application = await submitApplication(env, applicant.token, {
      unitName: '上海导出测试科技有限公司',
    });
    const res = await fetch(`${env.server.baseUrl}/api/applications/export?state=submitted`, {
      headers: bearer(staff.token),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const workbook = new Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.getWorksheet('入会申请');
    const header = (sheet?.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(
      expect.arrayContaining(['申请编号', '状态', '单位名称', '统一社会信用代码', '联系人手机', '申请级别']),
    );
    const rows: unknown[][] = [];
    sheet?.eachRow((row, number) => {
      if (number > 1) rows.push((row.values as unknown[]).slice(1));
    });
    const states = rows.map((row) => row[1]);
    expect(new Set(states)).toEqual(new Set(['待审核']));
    const mine = rows.find((row) => row[0] === application.id);
    expect(mine).toEqual(
      expect.arrayContaining(['上海导出测试科技有限公司', application.creditCode, '委员单位']),
    );
    const refused = await env.server.get('/api/applications/export', { headers: bearer(applicant.token) });
    expect(refused.status).toBe(403);
  });
});
