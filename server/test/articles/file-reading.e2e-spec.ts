import { rmSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { errorBodySchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { FileEntity } from '../../src/modules/files/file.entity';
import { filesOnDisk } from '../groups/support';
import { type AuthEnv, bearer, startAuthEnv } from '../support/auth-env';
import { TEST_DB } from '../support/harness';
import { PDF, PNG, person, uploadLicence } from '../support/joining';
import { member, published, staff, uploaded, visitor } from './support';

type Caller = { label: string; token: string };

async function statusOf(env: AuthEnv, path: string, token: string): Promise<number> {
  return (await fetch(env.server.baseUrl + path, { headers: bearer(token) })).status;
}

describe(`who reads a file, and a file whose bytes are gone, on ${TEST_DB}`, () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv();
  });
  afterAll(() => env.close());

  it('answers alike by both file routes: an unclaimed upload is its uploader’s alone, staff included', async () => {
    const applicant = await person(env, 'o_reading_applicant');
    const editor = await staff(env, 'reading_editor');
    const colleague = await staff(env, 'reading_colleague');
    const contact = await member(env, 'member');
    const someone = await visitor(env);
    const licence = await uploadLicence(env, applicant.token);
    const draftImage = await uploaded(env, editor.token, 'images', PNG, '未保存.png');
    const cover = await uploaded(env, editor.token, 'images', PNG, '封面.png');
    const image = await uploaded(env, editor.token, 'images', PNG, '正文图.png');
    const pdf = await uploaded(env, editor.token, 'attachments', PDF, '附件.pdf');
    await published(env, editor.token, {
      visibility: 'members',
      coverFileId: cover.fileId,
      attachmentFileIds: [pdf.fileId],
      body: `<img src="${image.url}">`,
    });
    const callers: Caller[] = [
      { label: 'applicant', token: applicant.token },
      { label: 'editor', token: editor.token },
      { label: 'other staff', token: colleague.token },
      { label: 'member', token: contact.token },
      { label: 'visitor', token: someone.token },
    ];
    const files = {
      'unclaimed licence': licence,
      'unclaimed image': draftImage.fileId,
      'members-only cover': cover.fileId,
      'members-only image': image.fileId,
      'members-only attachment': pdf.fileId,
    };
    const answers: Record<string, Record<string, number>> = {};
    for (const [name, id] of Object.entries(files)) {
      answers[name] = {};
      for (const caller of callers) {
        const byFiles = await statusOf(env, `/api/files/${id}`, caller.token);
        const byArticles = await statusOf(env, `/api/articles/files/${id}`, caller.token);
        expect(`${name}, ${caller.label}: ${byFiles}`).toBe(`${name}, ${caller.label}: ${byArticles}`);
        answers[name][caller.label] = byArticles;
      }
    }
    expect(answers).toEqual({
      'unclaimed licence': { applicant: 200, editor: 404, 'other staff': 404, member: 404, visitor: 404 },
      'unclaimed image': { applicant: 404, editor: 200, 'other staff': 404, member: 404, visitor: 404 },
      'members-only cover': { applicant: 200, editor: 200, 'other staff': 200, member: 200, visitor: 200 },
      'members-only image': { applicant: 404, editor: 200, 'other staff': 200, member: 200, visitor: 404 },
      'members-only attachment': {
        applicant: 404,
        editor: 200,
        'other staff': 200,
        member: 200,
        visitor: 404,
      },
    });
  });

  it('answers 410 FILE_GONE by both routes when the stored bytes are missing, and logs the file', async () => {
    const editor = await staff(env, 'gone');
    const image = await uploaded(env, editor.token, 'images', PNG, '丢失.png');
    await published(env, editor.token, { coverFileId: image.fileId });
    const row = await env.server.app.get(DataSource).getRepository(FileEntity).findOneByOrFail({
      id: image.fileId,
    });
    const onDisk = filesOnDisk(env).find((path) => path.endsWith(row.storageKey));
    if (!onDisk) throw new Error('the upload is not on disk');
    rmSync(onDisk);
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      for (const path of [`/api/articles/files/${image.fileId}`, `/api/files/${image.fileId}`]) {
        const res = await env.server.get(path, { headers: bearer(editor.token) });
        expect([path, res.status, errorBodySchema.parse(res.body).code]).toEqual([path, 410, 'FILE_GONE']);
      }
      const anonymous = await env.server.get(`/api/articles/files/${image.fileId}`);
      expect(anonymous.status).toBe(410);
      const lines = logged.mock.calls.map((call) => call.map(String).join(' '));
      expect(
        lines.some((line) => line.includes(`file ${image.fileId}`) && line.includes(row.storageKey)),
      ).toBe(true);
    } finally {
      logged.mockRestore();
    }
  });
});
