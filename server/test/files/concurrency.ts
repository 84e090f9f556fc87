import { storedFileSchema } from '@itss/shared';
import { readdirSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../src/config/config';
import { FileEntity } from '../../src/modules/files/file.entity';
import { type Call, type ConcurrencyCase, atOnce, tally, times } from '../support/concurrency';
import { PNG, multipartFile, person } from '../support/joining';

export const CONCURRENCY: ConcurrencyCase[] = [
  {
    route: 'POST /api/files',
    title: 'six uploads by one person at once: six files, each with its own row and bytes',
    async run(env) {
      const { token } = await person(env, 'o_uploader');
      const call: Call = { method: 'POST', path: '/api/files', token, raw: multipartFile(PNG) };
      const answers = await atOnce(env, times(6, call));
      expect(tally(answers)).toEqual({ '201': 6 });
      const ids = new Set(answers.map((a) => storedFileSchema.parse(a.body).id));
      expect(ids.size).toBe(6);
      expect(await env.server.app.get(DataSource).getRepository(FileEntity).count()).toBe(6);
      const { storage } = env.server.app.get<AppConfig>(APP_CONFIG);
      if (storage.type !== 'local') throw new Error('the tests use the local store');
      const onDisk = readdirSync(storage.dir, { recursive: true, withFileTypes: true }).filter((e) =>
        e.isFile(),
      );
      expect(onDisk).toHaveLength(6);
    },
  },
];
