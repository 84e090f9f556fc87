import { errorBodySchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { ApplicationEntity } from '../../src/modules/applications/application.entity';
import { type AuthEnv, startAuthEnv } from '../support/auth-env';
import {
  applicationBody,
  decided,
  person,
  postApplication,
  submitApplication,
  uploadLicence,
} from '../support/joining';

describe('applications: a contact of a member unit', () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv();
  });
  afterAll(() => env.close());

  it('cannot apply for another unit (409 APPLICATION_APPLICANT_IS_CONTACT), and nothing is written', async () => {
    const staff = await person(env, 'o_contact_apply_staff', ['staff']);
    const applicant = await person(env, 'o_contact_apply');
    const first = await submitApplication(env, applicant.token);
    await decided(env, staff.token, first.id, 'approve');
    const applications = env.server.app.get(DataSource).getRepository(ApplicationEntity);
    const before = await applications.count();

    const body = applicationBody(await uploadLicence(env, applicant.token), {
      unitName: '上海另一家科技有限公司',
    });
    const res = await postApplication(env, applicant.token, body);

    expect([res.status, errorBodySchema.parse(res.body).code]).toEqual([
      409,
      'APPLICATION_APPLICANT_IS_CONTACT',
    ]);
    expect(errorBodySchema.parse(res.body).message).toContain('我的单位');
    expect(await applications.count()).toBe(before);
  });
});
