import {
  type ArticleDetail,
  type ArticleUploadResponse,
  type CreateArticleRequest,
  articleUploadResponseSchema,
} from '@itss/shared';
import { type AuthEnv, bearer, postJson, seedOf } from '../support/auth-env';
import { person } from '../support/joining';

export { member } from '../groups/support';

let sequence = 0;

export async function staff(env: AuthEnv, name = 'staff'): Promise<{ id: number; token: string }> {
  return person(env, `o_article_${name}_${sequence++}`, ['staff']);
}

export async function visitor(env: AuthEnv): Promise<{ id: number; token: string }> {
  return person(env, `o_article_visitor_${sequence++}`);
}

/** GET as this person, or as nobody. */
export function read(env: AuthEnv, path: string, token?: string | null) {
  return env.server.get(path, { headers: token ? bearer(token) : {} });
}

export function articleBody(overrides: Partial<CreateArticleRequest> = {}): CreateArticleRequest {
  return {
    category: 'standard',
    title: `ITSS 标准动态 ${sequence++}`,
    summary: '信息技术服务标准的最新进展。',
    body: '<p>正文</p>',
    visibility: 'public',
    ...overrides,
  };
}

export function createArticle(
  env: AuthEnv,
  token: string,
  overrides: Partial<CreateArticleRequest> = {},
): Promise<ArticleDetail> {
  return seedOf(env).createArticle(token, articleBody(overrides));
}

export function transition(
  env: AuthEnv,
  token: string,
  id: number,
  action: 'publish' | 'unpublish' | 'archive',
) {
  return postJson(env, `/api/articles/${id}/${action}`, {}, bearer(token));
}

export function published(
  env: AuthEnv,
  token: string,
  overrides: Partial<CreateArticleRequest> = {},
): Promise<ArticleDetail> {
  return seedOf(env).publishArticle(token, articleBody(overrides));
}

/** POST a file in the multipart field `file` to an article upload route. */
export function uploadTo(
  env: AuthEnv,
  token: string | null,
  route: 'images' | 'attachments',
  bytes: Buffer,
  name: string,
) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/octet-stream' }), name);
  return env.server.get(`/api/articles/${route}`, {
    method: 'POST',
    headers: token ? bearer(token) : {},
    body: form,
  });
}

export async function uploaded(
  env: AuthEnv,
  token: string,
  route: 'images' | 'attachments',
  bytes: Buffer,
  name: string,
): Promise<ArticleUploadResponse> {
  const res = await uploadTo(env, token, route, bytes, name);
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
  return articleUploadResponseSchema.parse(res.body);
}
