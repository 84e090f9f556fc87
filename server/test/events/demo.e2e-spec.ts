import { eventDetailSchema, eventPageSchema } from '@itss/shared';
import { loadConfig } from '../../src/config/config';
import type { ScratchDatabase } from '../../src/database/scratch-database';
import { type TestServer, scratchDatabase, startServer, testConfig } from '../support/harness';

describe('events in development: two upcoming demo events', () => {
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

  it('seeds a members-first training and a paid 会议周 with two sessions, open to registration', async () => {
    const page = eventPageSchema.parse((await server.get('/api/events')).body);
    expect(page.items.map((item) => [item.kind, item.membersFirst])).toEqual([
      ['training', true],
      ['conference', false],
    ]);
    const week = eventDetailSchema.parse((await server.get(`/api/events/${page.items[1]!.id}`)).body);
    expect(week.sessions).toHaveLength(2);
    expect(week).toMatchObject({ myPriceFen: 120_000, window: { state: 'open' } });
    const training = eventDetailSchema.parse((await server.get(`/api/events/${page.items[0]!.id}`)).body);
    expect(training.window.state).toBe('not_yet');
  });
});
