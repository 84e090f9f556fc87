import { articleDetailSchema } from '@itss/shared';
import { type AuthEnv, startAuthEnv } from '../support/auth-env';
import { TEST_DB } from '../support/harness';
import { PNG } from '../support/joining';
import { published, read, staff, uploaded } from './support';
import { XSS_CORPUS, unsafeParts } from './xss-corpus';

describe(`rich text through the API on ${TEST_DB}`, () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv();
  });
  afterAll(() => env.close());

  /** The corpus's article image made a real upload of this staff member's, so the save can claim it. */
  async function withOwnImage(token: string, html: string): Promise<string> {
    if (!html.includes('/api/articles/files/1')) return html;
    const image = await uploaded(env, token, 'images', PNG, '图.png');
    return html.replace(/\/api\/articles\/files\/1(?![0-9])/g, image.url);
  }

  it('none of the XSS corpus survives into what a visitor reads, one vector per article', async () => {
    const { token } = await staff(env);
    for (const vector of XSS_CORPUS) {
      const article = await published(env, token, {
        body: await withOwnImage(token, `<p>前</p>${vector}<p>后</p>`),
      });
      const res = await read(env, `/api/articles/${article.id}`, null);
      const body = articleDetailSchema.parse(res.body).body ?? '';
      expect({ vector, problems: unsafeParts(body) }).toEqual({ vector, problems: [] });
      expect(body).toMatch(/^<p>前<\/p>/);
    }
  });

  it('nor the whole corpus as one body, as stored and as read', async () => {
    const { token } = await staff(env);
    const article = await published(env, token, { body: await withOwnImage(token, XSS_CORPUS.join('\n')) });
    expect(unsafeParts(article.body ?? '')).toEqual([]);
    const body = articleDetailSchema.parse((await read(env, `/api/articles/${article.id}`, null)).body).body;
    expect(body).toBe(article.body);
  });
});
