import { errorBodySchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { ApplicationEntity } from '../../src/modules/applications/application.entity';
import { UnitContactEntity } from '../../src/modules/units/unit-contact.entity';
import { type AuthEnv, bearer, postJson, startAuthEnv } from '../support/auth-env';
import { applicationBody, person, postApplication, uploadLicence } from '../support/joining';
import { accept, invite, memberUnit, requestJoin, someone } from './fixtures';

// A mobile number and a person's real name follow one rule on every route that takes them: the
// contract's, with the field named and a Chinese message, and nothing kept.
const MOBILE = '请输入正确的 11 位手机号（以 13–19 开头）';
const symbols = (label: string) =>
  `${label}只能由汉字或字母组成（少数民族姓名可用间隔号“·”），不能包含表情、数字或符号`;

describe('mobile numbers and real names', () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv();
  });
  afterAll(() => env.close());

  const ds = () => env.server.app.get(DataSource);
  /** The 400's field messages, by path. */
  function refused(res: { status: number; body: unknown }): Record<string, string> {
    expect(res.status).toBe(400);
    const error = errorBodySchema.parse(res.body);
    expect(error.code).toBe('VALIDATION_FAILED');
    return Object.fromEntries((error.details ?? []).map((detail) => [detail.path, detail.message]));
  }

  it('refuses an application whose contact mobile starts 12, or whose names hold emoji; nothing kept', async () => {
    const applicant = await person(env, 'o_person_fields_applicant');
    const licence = await uploadLicence(env, applicant.token);
    const before = await ds().getRepository(ApplicationEntity).count();
    const contact = applicationBody(licence).contact;

    const mobile = await postApplication(
      env,
      applicant.token,
      applicationBody(licence, { contact: { ...contact, mobile: '12345678901' } }),
    );
    expect(refused(mobile)).toEqual({ 'contact.mobile': MOBILE });

    const names = await postApplication(
      env,
      applicant.token,
      applicationBody(licence, { legalRepresentative: '张三😀', contact: { ...contact, name: '李四🎉' } }),
    );
    expect(refused(names)).toEqual({
      legalRepresentative: symbols('法定代表人'),
      'contact.name': symbols('联系人姓名'),
    });
    expect(await ds().getRepository(ApplicationEntity).count()).toBe(before);

    const fine = await postApplication(
      env,
      applicant.token,
      applicationBody(licence, { contact: { ...contact, name: '阿依古丽·买买提', mobile: '19912345678' } }),
    );
    expect(fine.status).toBe(201);
  });

  it('refuses an invite accepted, or a join request sent, with an emoji in the name; the person does not join', async () => {
    const unit = await memberUnit(env);
    const made = await invite(env, unit.primary.token, unit.id);
    const invitee = await someone(env, 'emoji');
    expect(refused(await accept(env, invitee.token, made.token, '王五😀'))).toEqual({
      name: symbols('姓名'),
    });
    expect(refused(await accept(env, invitee.token, made.token, '王5'))).toEqual({ name: symbols('姓名') });

    const requester = await someone(env, 'emoji_request');
    expect(refused(await requestJoin(env, requester.token, unit.id, unit.creditCode, '赵六✨'))).toEqual({
      name: symbols('姓名'),
    });
    const contacts = await ds().getRepository(UnitContactEntity).countBy({ unitId: unit.id });
    expect(contacts).toBe(1);
    expect((await accept(env, invitee.token, made.token, '王五')).status).toBe(200);
  });

  it('refuses a staff grant by a phone number no mainland mobile has', async () => {
    const admin = await person(env, 'o_person_fields_admin', ['staff', 'admin']);
    expect(refused(await postJson(env, '/api/staff', { phone: '12345678901' }, bearer(admin.token)))).toEqual(
      {
        phone: MOBILE,
      },
    );
  });
});
