import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { UPLOAD_MAX_BYTES, errorBodySchema, storedFileSchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../src/config/config';
import { FileEntity } from '../../src/modules/files/file.entity';
import { type AuthEnv, bearer, startAuthEnv } from '../support/auth-env';
import { PDF, PNG, person, submitApplication, uploadRaw } from '../support/joining';

/** Every file under the upload folder, however deep. */
function filesOnDisk(env: AuthEnv): string[] {
  const { storage } = env.server.app.get<AppConfig>(APP_CONFIG);
  if (storage.type !== 'local') throw new Error('these tests read the local store');
  return readdirSync(storage.dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('files: upload and read', () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv();
  });
  afterAll(() => env.close());

  const rows = () => env.server.app.get(DataSource).getRepository(FileEntity).count();

  it('stores a PNG and a PDF, typed from the bytes, and gives them back to the uploader with their type and name', async () => {
    const { token } = await person(env, 'o_uploader');
    const png = await uploadRaw(env, token, PNG, '营业执照.png', 'application/octet-stream');
    expect(png.status).toBe(201);
    expect(storedFileSchema.parse(png.body)).toMatchObject({
      name: '营业执照.png',
      size: PNG.length,
      contentType: 'image/png',
    });
    const pdf = await uploadRaw(env, token, PDF, 'licence.pdf', 'image/png');
    expect(storedFileSchema.parse(pdf.body).contentType).toBe('application/pdf');

    const read = await fetch(`${env.server.baseUrl}/api/files/${storedFileSchema.parse(png.body).id}`, {
      headers: bearer(token),
    });
    expect(read.status).toBe(200);
    expect(read.headers.get('content-type')).toBe('image/png');
    expect(read.headers.get('x-content-type-options')).toBe('nosniff');
    expect(read.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('营业执照.png')}`,
    );
    expect(Buffer.from(await read.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it.each([
    ['empty', Buffer.alloc(0), 'empty.png', 400, 'FILE_EMPTY'],
    ['oversized', Buffer.concat([PNG, Buffer.alloc(UPLOAD_MAX_BYTES)]), 'big.png', 413, 'FILE_TOO_LARGE'],
    [
      'a text file named .png',
      Buffer.from('just some text, not an image at all'),
      'fake.png',
      415,
      'FILE_TYPE_NOT_ALLOWED',
    ],
    [
      'a zip named .pdf',
      Buffer.from('PK\u0003\u0004 zipped bytes'),
      'fake.pdf',
      415,
      'FILE_TYPE_NOT_ALLOWED',
    ],
  ])('refuses %s and keeps nothing: no row, no bytes on disk', async (_what, bytes, name, status, code) => {
    const { token } = await person(env, `o_refused_${code}`);
    const before = { rows: await rows(), disk: filesOnDisk(env).length };
    const res = await uploadRaw(env, token, bytes, name);
    expect([res.status, errorBodySchema.parse(res.body).code]).toEqual([status, code]);
    expect({ rows: await rows(), disk: filesOnDisk(env).length }).toEqual(before);
  });

  it('refuses a request without the file field, or not multipart, with 400 FILE_MISSING', async () => {
    const { token } = await person(env, 'o_nofile');
    const other = await uploadRaw(env, token, PNG, 'a.png', 'image/png', 'picture');
    expect([other.status, errorBodySchema.parse(other.body).code]).toEqual([400, 'FILE_MISSING']);
    const json = await env.server.get('/api/files', {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      body: '{}',
    });
    expect([json.status, errorBodySchema.parse(json.body).code]).toEqual([400, 'FILE_MISSING']);
  });

  it('hides a file from anyone but its uploader (404), and a licence from other applicants but not from staff', async () => {
    const owner = await person(env, 'o_owner');
    const stranger = await person(env, 'o_stranger');
    const staff = await person(env, 'o_files_staff', ['staff']);
    const unclaimed = storedFileSchema.parse((await uploadRaw(env, owner.token, PNG)).body);
    expect(
      (await env.server.get(`/api/files/${unclaimed.id}`, { headers: bearer(stranger.token) })).status,
    ).toBe(404);
    // Before an application claims it, the upload is the uploader's alone: staff cannot read it either.
    expect(
      (await env.server.get(`/api/files/${unclaimed.id}`, { headers: bearer(staff.token) })).status,
    ).toBe(404);
    expect((await env.server.get('/api/files/999999', { headers: bearer(stranger.token) })).status).toBe(404);

    const application = await submitApplication(env, owner.token);
    const licence = `/api/files/${application.licence.id}`;
    expect((await env.server.get(licence, { headers: bearer(stranger.token) })).status).toBe(404);
    expect((await env.server.get(licence, { headers: bearer(staff.token) })).status).toBe(200);
    expect((await env.server.get(licence, { headers: bearer(owner.token) })).status).toBe(200);
  });

  it('keeps the files outside any URL: random keys on disk, not the name or the id', async () => {
    const { token } = await person(env, 'o_keys');
    const file = storedFileSchema.parse((await uploadRaw(env, token, PNG, 'secret-name.png')).body);
    const names = filesOnDisk(env).map((path) => path.split('/').pop() ?? '');
    expect(names.some((name) => name.includes('secret') || name === String(file.id))).toBe(false);
    expect(names.every((name) => /^[A-Za-z0-9_-]{32}$/.test(name))).toBe(true);
  });
});
