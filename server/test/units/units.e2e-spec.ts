import { errorBodySchema, meSchema, unitSchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { UnitEntity } from '../../src/modules/units/unit.entity';
import { type AuthEnv, bearer, startAuthEnv } from '../support/auth-env';
import { decide, decided, person, submitApplication } from '../support/joining';

describe('units: member units and their contacts', () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv();
  });
  afterAll(() => env.close());

  it('shows a person no unit until approved, then the one unit they are the primary contact of', async () => {
    const staff = await person(env, 'o_units_staff', ['staff']);
    const applicant = await person(env, 'o_units_applicant');
    const me = async () =>
      meSchema.parse((await env.server.get('/api/me', { headers: bearer(applicant.token) })).body);
    expect((await me()).unit).toBeNull();
    const application = await submitApplication(env, applicant.token, { level: 'member' });
    expect((await me()).unit).toBeNull();
    const approved = await decided(env, staff.token, application.id, 'approve');
    expect((await me()).unit).toEqual({
      ...approved.unit,
      level: 'member',
      status: 'active',
      isPrimaryContact: true,
    });
    const unit = unitSchema.parse(
      (await env.server.get(`/api/units/${approved.unit?.id}`, { headers: bearer(staff.token) })).body,
    );
    // Staff are not the contact; they see who is, phone masked (this person bound none).
    expect(unit).toMatchObject({
      isPrimaryContact: false,
      primaryContact: { displayName: '李四', phoneMasked: null },
    });
    expect(unit.joinedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('refuses to approve a second unit for a person who is already a contact (409 UNIT_CONTACT_TAKEN), writing nothing', async () => {
    const staff = await person(env, 'o_units_staff_2', ['staff']);
    const applicant = await person(env, 'o_two_units');
    const first = await submitApplication(env, applicant.token);
    const second = await submitApplication(env, applicant.token);
    await decided(env, staff.token, first.id, 'approve');
    const units = await env.server.app.get(DataSource).getRepository(UnitEntity).count();
    const res = await decide(env, staff.token, second.id, 'approve');
    expect([res.status, errorBodySchema.parse(res.body).code]).toEqual([409, 'UNIT_CONTACT_TAKEN']);
    expect(await env.server.app.get(DataSource).getRepository(UnitEntity).count()).toBe(units);
    const still = await env.server.get(`/api/applications/${second.id}`, { headers: bearer(staff.token) });
    expect((still.body as { state: string }).state).toBe('submitted');
  });

  it('answers 404 for a unit that does not exist, to staff too', async () => {
    const staff = await person(env, 'o_units_staff_3', ['staff']);
    expect((await env.server.get('/api/units/999999', { headers: bearer(staff.token) })).status).toBe(404);
    expect((await env.server.get('/api/units/999999/bills', { headers: bearer(staff.token) })).status).toBe(
      404,
    );
  });
});
