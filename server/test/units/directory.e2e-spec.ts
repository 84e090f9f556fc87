import { type DirectoryResponse, directoryResponseSchema, errorBodySchema, maskPhone } from '@itss/shared';
import { DataSource } from 'typeorm';
import { UnitEntity } from '../../src/modules/units/unit.entity';
import { type AuthEnv, bearer, phoneCode, postJson, startAuthEnv } from '../support/auth-env';
import { decided, person, submitApplication } from '../support/joining';
import { changeStatus, confirmImport, recordUnit, sheetRow, uploadSheet, workbookOf } from './sheets';

describe('units: the public member directory (会员名录)', () => {
  let env: AuthEnv;
  let staff: { id: number; token: string };
  const ds = () => env.server.app.get(DataSource);

  beforeAll(async () => {
    env = await startAuthEnv();
    staff = await person(env, 'o_directory_staff', ['staff']);
  });
  afterAll(() => env.close());

  /** Anonymous, as a visitor of the page is. */
  async function directory(query = ''): Promise<{ raw: string; body: DirectoryResponse }> {
    const res = await fetch(`${env.server.baseUrl}/api/directory${query}`);
    const raw = await res.text();
    expect(res.status).toBe(200);
    return { raw, body: directoryResponseSchema.parse(JSON.parse(raw)) };
  }
  const names = async (query: string) => (await directory(query)).body.items.map((item) => item.name);

  it('shows an approved unit once approved and no longer once suspended, with nothing about its people', async () => {
    const applicant = await person(env, 'o_directory_applicant');
    const bound = await postJson(
      env,
      '/api/me/phone',
      { code: await phoneCode(env, '13800138000') },
      bearer(applicant.token),
    );
    expect(bound.status).toBe(200);
    const application = await submitApplication(env, applicant.token, {
      unitName: '名录可见信息技术有限公司',
    });
    const q = `?q=${encodeURIComponent('名录可见')}`;
    // Asked (and cached) before the approval: the approval must make the cache forget it.
    expect(await names(q)).toEqual([]);

    const unitId = (await decided(env, staff.token, application.id, 'approve')).unit?.id;
    const shown = await directory(q);
    expect(shown.body.items).toEqual([
      {
        id: unitId,
        name: '名录可见信息技术有限公司',
        level: 'committee',
        province: '北京市',
        joinedYear: expect.any(Number) as number,
      },
    ]);
    for (const personal of [
      '李四',
      '13800138000',
      maskPhone('13800138000'),
      '13912345678',
      'lisi@example.com',
      '测试用户',
    ]) {
      expect(shown.raw).not.toContain(personal);
    }

    // Found by its name, never by its credit code: that is what a colleague proves to join it.
    expect(await names(`?q=${application.creditCode}`)).toEqual([]);

    expect((await changeStatus(env, staff.token, unitId ?? 0, 'suspended')).status).toBe(200);
    expect(await names(q)).toEqual([]);
    expect((await changeStatus(env, staff.token, unitId ?? 0, 'active', '已补缴会费')).status).toBe(200);
    expect(await names(q)).toEqual(['名录可见信息技术有限公司']);
  });

  it('answers a repeated request from the cache: a row changed behind the service shows only after a unit change', async () => {
    const unit = await recordUnit(env, staff.token, { name: '缓存验证原名有限公司' });
    const q = `?q=${encodeURIComponent('缓存验证')}`;
    expect(await names(q)).toEqual(['缓存验证原名有限公司']);
    // An operator's SQL: no invalidation, so the cached answer stands.
    await ds().getRepository(UnitEntity).update({ id: unit.id }, { name: '缓存验证新名有限公司' });
    expect(await names(q)).toEqual(['缓存验证原名有限公司']);
    // Any change to units made through the service forgets every cached page.
    await recordUnit(env, staff.token, { name: '另一家新录入的公司' });
    expect(await names(q)).toEqual(['缓存验证新名有限公司']);
  });

  it('forgets its pages when an import is confirmed', async () => {
    const q = `?q=${encodeURIComponent('导入后可见')}`;
    expect(await names(q)).toEqual([]);
    const res = await uploadSheet(
      env,
      staff.token,
      await workbookOf([sheetRow({ name: '导入后可见的公司' })]),
    );
    const { importId } = res.body as { importId: string };
    expect((await confirmImport(env, staff.token, importId)).status).toBe(200);
    expect(await names(q)).toEqual(['导入后可见的公司']);
  });

  it('lists active units only, highest level first, then the longest-standing, in pages that neither repeat nor skip', async () => {
    const marker = '名录排序';
    const make = (
      suffix: string,
      level: 'member' | 'committee' | 'vice_president' | 'president',
      joinedOn: string,
    ) => recordUnit(env, staff.token, { name: `${marker}${suffix}公司`, level, joinedOn });
    await make('会员二', 'member', '2015-01-01');
    await make('会长', 'president', '2020-01-01');
    await make('会员一', 'member', '2012-05-05');
    await make('委员', 'committee', '2019-01-01');
    await make('会员三', 'member', '2015-01-01');
    await make('副会长', 'vice_president', '2010-01-01');
    const suspended = await make('暂停', 'president', '2000-01-01');
    const removed = await make('除名', 'committee', '2000-01-01');
    await changeStatus(env, staff.token, suspended.id, 'suspended');
    await changeStatus(env, staff.token, removed.id, 'removed');

    const q = `?q=${encodeURIComponent(marker)}`;
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: DirectoryResponse = (await directory(`${q}&limit=2${cursor ? `&cursor=${cursor}` : ''}`))
        .body;
      all.push(...page.items.map((item) => item.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(all).toEqual(
      ['会长', '副会长', '委员', '会员一', '会员二', '会员三'].map((s) => `${marker}${s}公司`),
    );
    expect(await names(`${q}&level=member`)).toEqual(
      ['会员一', '会员二', '会员三'].map((s) => `${marker}${s}公司`),
    );
    expect((await directory(`${q}&level=president`)).body.items[0]?.joinedYear).toBe(2020);
  });

  it('refuses a forged cursor and a bad level (400), for everyone, without a session', async () => {
    for (const query of [
      '?cursor=bm9wZQ',
      `?cursor=${Buffer.from('[1,"x",1]').toString('base64url')}`,
      '?level=gold',
    ]) {
      const res = await env.server.get(`/api/directory${query}`);
      expect([res.status, errorBodySchema.parse(res.body).code]).toEqual([400, 'VALIDATION_FAILED']);
    }
  });
});
