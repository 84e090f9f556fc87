import { billListResponseSchema, certificateSchema, loginResponseSchema, meSchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/config';
import type { ScratchDatabase } from '../../src/database/scratch-database';
import { DuesSettingsEntity } from '../../src/modules/dues/dues-settings.entity';
import { type TestServer, scratchDatabase, startServer, testConfig } from '../support/harness';
import { thisYear } from './dues-support';

describe('dues in development: a demo account and the demo unit’s bill, paid', () => {
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

  it('shows the primary contact persona this year’s bill paid and the certificate, and keeps the demo account', async () => {
    const code = await server.get('/__wechat/__standin/login-code', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona: 'primary_contact' }),
    });
    const login = loginResponseSchema.parse(
      (
        await server.get('/api/auth/wechat', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(code.body),
        })
      ).body,
    );
    const headers = { authorization: `Bearer ${login.token}` };
    const unit = meSchema.parse((await server.get('/api/me', { headers })).body).unit;
    const bills = billListResponseSchema.parse(
      (await server.get(`/api/units/${unit?.id}/bills`, { headers })).body,
    );
    // Development (`npm start`) pays it, so the demo unit's certificate can be shown.
    expect(bills.items.map((bill) => [bill.year, bill.status])).toEqual([[thisYear(), 'paid']]);
    const certificate = await server.get(`/api/units/${unit?.id}/certificate`, { headers });
    expect(certificateSchema.parse(certificate.body).unitName).toBe(unit?.name);
    const account = await server.app
      .get(DataSource)
      .getRepository(DuesSettingsEntity)
      .findOneByOrFail({ id: 1 });
    expect(account.accountName).toContain('示例');
  });
});
