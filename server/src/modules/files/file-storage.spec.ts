import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import S3rver from 's3rver';
import { type FileStorage, LocalFileStorage, S3FileStorage } from './file-storage';

async function bytesOf(stream: Readable | null): Promise<Buffer | null> {
  if (!stream) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

const key = () => randomBytes(24).toString('base64url');

interface Backend {
  name: string;
  open(): Promise<{ storage: FileStorage; close(): Promise<void> }>;
}

/**
 * The one contract both stores keep: the local folder, and an S3-compatible bucket played by
 * s3rver (a local S3 server, as Tencent COS speaks S3) over HTTP with the real AWS SDK client.
 */
const BACKENDS: Backend[] = [
  {
    name: 'local disk',
    open() {
      const dir = mkdtempSync(join(tmpdir(), 'itss-storage-'));
      return Promise.resolve({
        storage: new LocalFileStorage(dir),
        close: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
      });
    },
  },
  {
    name: 'S3 (s3rver)',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'itss-s3rver-'));
      const server = new S3rver({
        port: 0,
        address: '127.0.0.1',
        silent: true,
        directory: dir,
        configureBuckets: [{ name: 'itss-uploads', configs: [] }],
      });
      const { port } = await server.run();
      const storage = new S3FileStorage({
        endpoint: `http://127.0.0.1:${port}`,
        region: 'ap-beijing',
        bucket: 'itss-uploads',
        accessKeyId: 'S3RVER',
        secretAccessKey: 'S3RVER',
        forcePathStyle: true,
      });
      return {
        storage,
        async close() {
          storage.destroy();
          await server.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
];

describe.each(BACKENDS)('FileStorage on $name', (backend) => {
  let opened: { storage: FileStorage; close(): Promise<void> };
  let storage: FileStorage;
  beforeAll(async () => {
    opened = await backend.open();
    storage = opened.storage;
  });
  afterAll(() => opened.close());

  it('gives back exactly the bytes put under a key', async () => {
    const k = key();
    const bytes = randomBytes(300_000);
    await storage.put(k, bytes, 'image/png');
    expect((await bytesOf(await storage.get(k)))?.equals(bytes)).toBe(true);
  });

  it('answers null for a key never written, and after a delete; deleting twice is fine', async () => {
    expect(await storage.get(key())).toBeNull();
    const k = key();
    await storage.put(k, Buffer.from('%PDF-1.4'), 'application/pdf');
    await storage.delete(k);
    await storage.delete(k);
    expect(await storage.get(k)).toBeNull();
  });

  it('keeps keys apart', async () => {
    const [a, b] = [key(), key()];
    await storage.put(a, Buffer.from('a'), 'image/png');
    await storage.put(b, Buffer.from('b'), 'image/png');
    await storage.delete(a);
    expect((await bytesOf(await storage.get(b)))?.toString()).toBe('b');
  });

  it('refuses anything that is not a storage key, such as a path', async () => {
    await expect(storage.put('../../etc/passwd', Buffer.from('x'), 'image/png')).rejects.toThrow(
      'not a storage key',
    );
    await expect(storage.get('a/b')).rejects.toThrow('not a storage key');
  });
});
