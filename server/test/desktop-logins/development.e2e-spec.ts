import {
  DESKTOP_LOGIN_PAGE,
  createDesktopLoginResponseSchema,
  loginResponseSchema,
  meSchema,
} from '@itss/shared';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { loadConfig } from '../../src/config/config';
import type { ScratchDatabase } from '../../src/database/scratch-database';
import { type TestServer, scratchDatabase, startServer, testConfig } from '../support/harness';

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/**
 * As `npm start` runs it: the code comes from the server's own WeChat stand-in, and the staff
 * persona (the one the H5 persona picker signs in as) confirms it, so the whole sign-in can be tried
 * in a browser without WeChat.
 */
describe('desktop sign-in in development', () => {
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

  it('shows a code from the stand-in that the staff persona confirms', async () => {
    const created = createDesktopLoginResponseSchema.parse(
      (await server.get('/api/desktop-logins', { method: 'POST' })).body,
    );
    const image = await fetch(server.baseUrl + created.imageUrl);
    expect(image.status).toBe(200);
    const png = PNG.sync.read(Buffer.from(await image.arrayBuffer()));
    const read = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(read?.data).toBe(`${DESKTOP_LOGIN_PAGE}?scene=${created.ticket}`);

    const code = await server.get('/__wechat/__standin/login-code', json({ persona: 'staff' }));
    const phone = loginResponseSchema.parse((await server.get('/api/auth/wechat', json(code.body))).body);
    const confirmed = await server.get(`/api/desktop-logins/${created.ticket}/confirm`, {
      method: 'POST',
      headers: { authorization: `Bearer ${phone.token}` },
    });
    expect(confirmed.status).toBe(204);
    const desktop = loginResponseSchema.parse(
      (
        await server.get(`/api/desktop-logins/${created.ticket}`, {
          headers: { 'x-poll-token': created.pollToken },
        })
      ).body,
    );
    const me = await server.get('/api/me', { headers: { authorization: `Bearer ${desktop.token}` } });
    expect(meSchema.parse(me.body).id).toBe(phone.user.id);
  });
});
