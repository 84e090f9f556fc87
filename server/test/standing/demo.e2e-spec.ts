import { DataSource } from 'typeorm';
import { beijingDate } from '../../src/common/time';
import { loadConfig } from '../../src/config/config';
import type { ScratchDatabase } from '../../src/database/scratch-database';
import { DuesArrears } from '../../src/modules/dues/dues-arrears';
import { LevelRequestEntity } from '../../src/modules/standing/level-request.entity';
import { DEMO_ARREARS_UNIT, DEMO_UNIT_CREDIT_CODE } from '../../src/modules/units/demo-unit.seed';
import { UnitEntity } from '../../src/modules/units/unit.entity';
import { type TestServer, scratchDatabase, startServer, testConfig } from '../support/harness';
import { thisYear } from '../dues/dues-support';

describe('standing in development: a unit in arrears and an open level request', () => {
  let server: TestServer;
  let db: ScratchDatabase;
  beforeAll(async () => {
    db = await scratchDatabase();
    const { wechat } = loadConfig({ NODE_ENV: 'development', PORT: '0' });
    server = await startServer(testConfig(db.config, { env: 'development', wechat }));
  });
  afterAll(async () => {
    await server.close();
    await db.drop();
  });

  it('seeds the arrears demo unit with two unpaid past years and the demo unit’s request to move up', async () => {
    const units = server.app.get(DataSource).getRepository(UnitEntity);
    const owing = await units.findOneByOrFail({ creditCode: DEMO_ARREARS_UNIT.creditCode });
    const overdue = await server.app.get(DuesArrears).overdue(beijingDate(new Date()), owing.id);
    expect(overdue.map((row) => row.year).sort()).toEqual([thisYear() - 2, thisYear() - 1]);
    const demo = await units.findOneByOrFail({ creditCode: DEMO_UNIT_CREDIT_CODE });
    const open = await server.app.get(DataSource).getRepository(LevelRequestEntity).findBy({ state: 'open' });
    expect(open).toEqual([
      expect.objectContaining({ unitId: demo.id, fromLevel: 'committee', toLevel: 'vice_president' }),
    ]);
  });
});
