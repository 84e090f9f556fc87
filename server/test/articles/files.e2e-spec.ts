import { ATTACHMENT_MAX_BYTES, articleDetailSchema, errorBodySchema } from '@itss/shared';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { FileEntity } from '../../src/modules/files/file.entity';
import { filesOnDisk } from '../groups/support';
import { type AuthEnv, bearer, postJson, startAuthEnv } from '../support/auth-env';
import { PDF, PNG } from '../support/joining';
import {
  createArticle,
  member,
  published,
  read,
  staff,
  transition,
  uploadTo,
  uploaded,
  visitor,
} from './support';

function code(body: unknown): string {
  return errorBodySchema.parse(body).code;
}

/** A photo as a phone takes it: taken sideways (EXIF orientation 6), with a camera and a place in its metadata. */
function phonePhoto(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneMaker', Model: 'Phone 1', Copyright: '某人' } })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

async function bytesOf(env: AuthEnv, url: string, token?: string | null) {
  const response = await fetch(env.server.baseUrl + url, { headers: token ? bearer(token) : {} });
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

describe('article files', () => {
  let env: AuthEnv;
  let editor: { id: number; token: string };
  beforeAll(async () => {
    env = await startAuthEnv();
    editor = await staff(env, 'files');
  });
  afterAll(() => env.close());

  const fileRows = () => env.server.app.get(DataSource).getRepository(FileEntity).count();

  it('re-encodes an image: upright, at most 1600 px wide, without its EXIF', async () => {
    const photo = await phonePhoto(2000, 3600);
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const image = await uploaded(env, editor.token, 'images', photo, '现场.jpg');
    expect(image.url).toBe(`/api/articles/files/${image.fileId}`);
    const served = await bytesOf(env, image.url, editor.token);
    expect(served.status).toBe(200);
    const meta = await sharp(served.bytes).metadata();
    // Turned by its orientation (3600×2000), then scaled to 1600 wide.
    expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({
      format: 'jpeg',
      width: 1600,
      height: 889,
    });
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(served.bytes.includes(Buffer.from('PhoneMaker'))).toBe(false);
    const png = await uploaded(env, editor.token, 'images', PNG, '图.png');
    expect((await sharp((await bytesOf(env, png.url, editor.token)).bytes).metadata()).format).toBe('png');
  });

  it('refuses a non-image, a PDF as an image, and an image over 5 MB (413), keeping nothing', async () => {
    const before = await fileRows();
    const pdf = await uploadTo(env, editor.token, 'images', PDF, '图.jpg');
    expect([pdf.status, code(pdf.body)]).toEqual([415, 'ARTICLE_IMAGE_INVALID']);
    const broken = await uploadTo(
      env,
      editor.token,
      'images',
      Buffer.concat([PNG.subarray(0, 20), Buffer.alloc(50)]),
      '坏.png',
    );
    expect([broken.status, code(broken.body)]).toEqual([415, 'ARTICLE_IMAGE_INVALID']);
    const big = await uploadTo(
      env,
      editor.token,
      'images',
      Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]),
      '大.png',
    );
    expect([big.status, code(big.body)]).toEqual([413, 'FILE_TOO_LARGE']);
    expect(await fileRows()).toBe(before);
  });

  it('takes images from contacts of active units, not from other signed-in people', async () => {
    const contact = await member(env, 'member');
    expect((await uploadTo(env, contact.token, 'images', PNG, '图.png')).status).toBe(201);
    const someone = await visitor(env);
    expect((await uploadTo(env, someone.token, 'images', PNG, '图.png')).status).toBe(403);
  });

  it('takes a PDF attachment by its bytes: a PNG named .pdf is 415, 20 MB + 1 is 413 and nothing is kept', async () => {
    const pdf = await uploaded(env, editor.token, 'attachments', PDF, '会刊.pdf');
    expect(pdf.name).toBe('会刊.pdf');
    const renamed = await uploadTo(env, editor.token, 'attachments', PNG, '伪装.pdf');
    expect([renamed.status, code(renamed.body)]).toEqual([415, 'ARTICLE_ATTACHMENT_NOT_PDF']);
    const rows = await fileRows();
    const disk = filesOnDisk(env).length;
    const huge = Buffer.concat([PDF, Buffer.alloc(ATTACHMENT_MAX_BYTES + 1 - PDF.length)]);
    const tooLarge = await uploadTo(env, editor.token, 'attachments', huge, '超大.pdf');
    expect([tooLarge.status, code(tooLarge.body)]).toEqual([413, 'ARTICLE_ATTACHMENT_TOO_LARGE']);
    expect(await fileRows()).toBe(rows);
    expect(filesOnDisk(env)).toHaveLength(disk);
    const exact = Buffer.concat([PDF, Buffer.alloc(ATTACHMENT_MAX_BYTES - PDF.length)]);
    expect((await uploadTo(env, editor.token, 'attachments', exact, '刚好.pdf')).status).toBe(201);
  });

  it('claims the files an article shows; another person’s upload or the wrong kind is refused', async () => {
    const cover = await uploaded(env, editor.token, 'images', PNG, '封面.png');
    const inBody = await uploaded(env, editor.token, 'images', PNG, '正文图.png');
    const pdf = await uploaded(env, editor.token, 'attachments', PDF, '附件.pdf');
    const article = await createArticle(env, editor.token, {
      coverFileId: cover.fileId,
      attachmentFileIds: [pdf.fileId],
      body: `<p>图</p><img src="${inBody.url}" alt="图">`,
    });
    expect(article.coverUrl).toBe(cover.url);
    expect(article.attachments).toEqual([
      { fileId: pdf.fileId, name: '附件.pdf', size: pdf.size, url: pdf.url },
    ]);
    const owners = await env.server.app
      .get(DataSource)
      .getRepository(FileEntity)
      .findBy([{ id: cover.fileId }, { id: inBody.fileId }, { id: pdf.fileId }]);
    expect(owners.map((row) => [row.ownerType, row.ownerId])).toEqual([
      ['article', article.id],
      ['article', article.id],
      ['article', article.id],
    ]);
    // A second editor saves the article with the images it already owns.
    const second = await staff(env, 'second');
    const edit = await env.server.get(`/api/articles/${article.id}`, {
      method: 'PATCH',
      headers: { ...bearer(second.token), 'content-type': 'application/json' },
      body: JSON.stringify({ title: '第二位编辑改的标题' }),
    });
    expect(edit.status).toBe(200);
    // ...but cannot use the first one's unclaimed upload, nor claim a file of another article.
    const mine = await uploaded(env, editor.token, 'images', PNG, '另一张.png');
    for (const body of [
      { coverFileId: mine.fileId },
      { attachmentFileIds: [cover.fileId] },
      { coverFileId: pdf.fileId },
    ]) {
      const res = await postJson(
        env,
        '/api/articles',
        { category: 'notice', title: '通知', summary: '', body: '<p>x</p>', visibility: 'public', ...body },
        bearer(second.token),
      );
      expect([res.status, code(res.body)]).toEqual([400, 'ARTICLE_FILE_UNUSABLE']);
    }
    const inOther = await postJson(
      env,
      '/api/articles',
      {
        category: 'notice',
        title: '通知',
        summary: '',
        body: `<img src="${inBody.url}">`,
        visibility: 'public',
      },
      bearer(editor.token),
    );
    expect([inOther.status, code(inOther.body)]).toEqual([400, 'ARTICLE_FILE_UNUSABLE']);
  });

  it('serves a file under its article’s rule: unclaimed to its uploader, members-only to members, cover to all', async () => {
    const cover = await uploaded(env, editor.token, 'images', PNG, '封面.png');
    const image = await uploaded(env, editor.token, 'images', PNG, '正文图.png');
    const pdf = await uploaded(env, editor.token, 'attachments', PDF, '附件.pdf');
    const someone = await visitor(env);
    expect((await bytesOf(env, pdf.url, null)).status).toBe(404);
    expect((await bytesOf(env, pdf.url, someone.token)).status).toBe(404);
    const article = await published(env, editor.token, {
      visibility: 'members',
      coverFileId: cover.fileId,
      attachmentFileIds: [pdf.fileId],
      body: `<img src="${image.url}">`,
    });
    const contact = await member(env, 'member');
    for (const url of [pdf.url, image.url]) {
      expect((await bytesOf(env, url, null)).status).toBe(404);
      expect((await bytesOf(env, url, someone.token)).status).toBe(404);
      const forMember = await bytesOf(env, url, contact.token);
      expect(forMember.status).toBe(200);
      expect(forMember.headers.get('cache-control')).toBe('private, max-age=300');
    }
    expect((await bytesOf(env, pdf.url, contact.token)).bytes.equals(PDF)).toBe(true);
    expect((await bytesOf(env, cover.url, null)).status).toBe(200);
    await transition(env, editor.token, article.id, 'unpublish');
    expect((await bytesOf(env, pdf.url, contact.token)).status).toBe(404);
    expect((await bytesOf(env, cover.url, null)).status).toBe(404);
    expect((await bytesOf(env, pdf.url, editor.token)).status).toBe(200);

    const open = await uploaded(env, editor.token, 'attachments', PDF, '公开.pdf');
    await published(env, editor.token, { attachmentFileIds: [open.fileId] });
    const anyone = await bytesOf(env, open.url, null);
    expect([anyone.status, anyone.headers.get('cache-control')]).toEqual([200, 'public, max-age=300']);
    const detail = articleDetailSchema.parse(
      (await read(env, `/api/articles/${article.id}`, editor.token)).body,
    );
    expect(detail.staff?.attachmentFileIds).toEqual([pdf.fileId]);
  });

  it('never serves another feature’s file (a licence) by the article route', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), '营业执照.png');
    const licence = await env.server.get('/api/files', {
      method: 'POST',
      headers: bearer(editor.token),
      body: form,
    });
    const id = (licence.body as { id: number }).id;
    // Unclaimed, it is the uploader's upload like any; claimed by an application it is not an article file.
    await env.server.app
      .get(DataSource)
      .getRepository(FileEntity)
      .update({ id }, { ownerType: 'application', ownerId: 1 });
    expect((await bytesOf(env, `/api/articles/files/${id}`, editor.token)).status).toBe(404);
  });
});
