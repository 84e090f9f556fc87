import { errorBodySchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { FileEntity } from '../../src/modules/files/file.entity';
import { type AuthEnv, bearer, startAuthEnv } from '../support/auth-env';
import { PDF, PNG, person } from '../support/joining';
import { createGroup } from '../groups/support';
import { workbookOf, sheetRow } from '../units/sheets';

/** Every route that takes a multipart upload, with a valid file of its kind. */
interface Route {
  title: string;
  method: 'POST' | 'PUT';
  path: (env: AuthEnv, token: string) => Promise<string>;
  file: () => Promise<Buffer>;
}

const ROUTES: Route[] = [
  {
    title: 'POST /api/files',
    method: 'POST',
    path: () => Promise.resolve('/api/files'),
    file: () => Promise.resolve(PNG),
  },
  {
    title: 'POST /api/articles/images',
    method: 'POST',
    path: () => Promise.resolve('/api/articles/images'),
    file: () => Promise.resolve(PNG),
  },
  {
    title: 'POST /api/articles/attachments',
    method: 'POST',
    path: () => Promise.resolve('/api/articles/attachments'),
    file: () => Promise.resolve(PDF),
  },
  {
    title: 'POST /api/units/import',
    method: 'POST',
    path: () => Promise.resolve('/api/units/import'),
    file: () => workbookOf([sheetRow()]),
  },
  {
    title: 'PUT /api/groups/:id/code',
    method: 'PUT',
    path: async (env, token) => `/api/groups/${(await createGroup(env, token)).id}/code`,
    file: () => Promise.resolve(PNG),
  },
];

describe('multipart uploads: one file per request', () => {
  let env: AuthEnv;
  let staff: { token: string };
  beforeAll(async () => {
    env = await startAuthEnv();
    staff = await person(env, 'o_multipart_staff', ['staff']);
  });
  afterAll(() => env.close());

  const fileRows = () => env.server.app.get(DataSource).getRepository(FileEntity).count();

  it.each(ROUTES)('$title refuses two files with 400 FILE_TOO_MANY and keeps nothing', async (route) => {
    const bytes = await route.file();
    const path = await route.path(env, staff.token);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), 'first');
    form.append('file', new Blob([new Uint8Array(bytes)]), 'second');
    const before = await fileRows();
    const res = await env.server.get(path, {
      method: route.method,
      headers: bearer(staff.token),
      body: form,
    });
    expect([res.status, errorBodySchema.parse(res.body).code]).toEqual([400, 'FILE_TOO_MANY']);
    expect(await fileRows()).toBe(before);
  });

  it.each(ROUTES)('$title refuses a second file under another field name too', async (route) => {
    const bytes = await route.file();
    const path = await route.path(env, staff.token);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), 'first');
    form.append('other', new Blob([new Uint8Array(bytes)]), 'second');
    const res = await env.server.get(path, {
      method: route.method,
      headers: bearer(staff.token),
      body: form,
    });
    expect([res.status, errorBodySchema.parse(res.body).code]).toEqual([400, 'FILE_TOO_MANY']);
  });
});
