import { UNIT_IMPORT_MAX_ROWS, errorBodySchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { UnitEntity } from '../../src/modules/units/unit.entity';
import { type AuthEnv, startAuthEnv } from '../support/auth-env';
import { person } from '../support/joining';
import { HEADERS, rawWorkbook, sheetRow, uploadSheet } from './sheets';

const MiB = 1024 * 1024;

describe('units: an import is bounded while it is read', () => {
  let env: AuthEnv;
  let staff: { token: string };
  const codeOf = (res: { body: unknown }) => errorBodySchema.parse(res.body).code;
  const unitCount = () => env.server.app.get(DataSource).getRepository(UnitEntity).count();

  beforeAll(async () => {
    env = await startAuthEnv();
    staff = await person(env, 'o_units_bounds', ['staff']);
  });
  afterAll(() => env.close(), 60_000);

  async function timedUpload(bytes: Buffer) {
    const started = performance.now();
    const res = await uploadSheet(env, staff.token, bytes);
    return { status: res.status, code: codeOf(res), ms: performance.now() - started };
  }

  it('refuses a 100 KiB workbook that inflates to 100 MiB with 413 UNIT_IMPORT_TOO_LARGE at once, and the server keeps no memory for it', async () => {
    const bomb = await rawWorkbook([HEADERS, sheetRow().map(String)], { padding: 100 * MiB });
    expect(bomb.length).toBeLessThan(110 * 1024);
    const before = await unitCount();
    const first = await timedUpload(bomb);
    expect([first.status, first.code]).toEqual([413, 'UNIT_IMPORT_TOO_LARGE']);
    expect(first.ms).toBeLessThan(3000);

    const rssBefore = process.memoryUsage().rss;
    for (let i = 0; i < 5; i++) expect((await timedUpload(bomb)).status).toBe(413);
    const grown = process.memoryUsage().rss - rssBefore;
    expect(grown).toBeLessThan(64 * MiB);
    expect(await unitCount()).toBe(before);
  }, 90_000);

  it(`refuses a 100,000-row sheet with 413 UNIT_IMPORT_TOO_MANY_ROWS once row ${UNIT_IMPORT_MAX_ROWS + 2} is read, before the end of the sheet`, async () => {
    const row = sheetRow().map(String);
    // The sheet's XML breaks off after its last row: a reader that parsed it whole could only refuse it as damaged.
    const long = await rawWorkbook([HEADERS, ...Array.from({ length: 100_000 }, () => row)], {
      unfinished: true,
    });
    const res = await timedUpload(long);
    expect([res.status, res.code]).toEqual([413, 'UNIT_IMPORT_TOO_MANY_ROWS']);
    // The broken-off XML shows the reader stopped early; the time only shows it did not crawl there
    // (a CI machine running suites side by side took 5.9 s).
    expect(res.ms).toBeLessThan(15_000);
  }, 90_000);

  it(`takes ${UNIT_IMPORT_MAX_ROWS} rows, written as raw XML, in one preview`, async () => {
    const rows = Array.from({ length: UNIT_IMPORT_MAX_ROWS }, () => sheetRow().map(String));
    const res = await uploadSheet(env, staff.token, await rawWorkbook([HEADERS, ...rows]));
    expect(res.status).toBe(200);
  }, 90_000);
});
