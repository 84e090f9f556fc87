import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storedFileSchema } from '@itss/shared';
import S3rver from 's3rver';
import { type AuthEnv, bearer, startAuthEnv } from '../support/auth-env';
import { PDF, person, uploadRaw } from '../support/joining';

/** The server configured with S3_*: uploads land in the bucket (s3rver, a local S3 server) and come back. */
describe('files in an S3-compatible bucket', () => {
  let env: AuthEnv;
  let s3: S3rver;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'itss-s3rver-'));
    s3 = new S3rver({
      port: 0,
      address: '127.0.0.1',
      silent: true,
      directory: dir,
      configureBuckets: [{ name: 'itss-uploads', configs: [] }],
    });
    const { port } = await s3.run();
    env = await startAuthEnv((config) => ({
      ...config,
      storage: {
        type: 's3',
        endpoint: `http://127.0.0.1:${port}`,
        region: 'ap-beijing',
        bucket: 'itss-uploads',
        accessKeyId: 'S3RVER',
        secretAccessKey: 'S3RVER',
        forcePathStyle: true,
      },
    }));
  });
  afterAll(async () => {
    await env.close();
    await s3.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores an upload in the bucket and serves it to its uploader only', async () => {
    const owner = await person(env, 'o_s3_owner');
    const other = await person(env, 'o_s3_other');
    const file = storedFileSchema.parse((await uploadRaw(env, owner.token, PDF, '营业执照.pdf')).body);
    expect(file.contentType).toBe('application/pdf');
    const res = await fetch(`${env.server.baseUrl}/api/files/${file.id}`, { headers: bearer(owner.token) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
    expect((await env.server.get(`/api/files/${file.id}`, { headers: bearer(other.token) })).status).toBe(
      404,
    );
  });
});
