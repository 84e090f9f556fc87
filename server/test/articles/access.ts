import type { AuthEnv } from '../support/auth-env';
import { pngForm } from '../support/joining-access';
import { PDF, PNG, setupStaffToken } from '../support/joining';
import { EVERYONE, type RouteAccess, STAFF } from '../support/role-matrix';
import { articleBody, createArticle, published, uploaded } from './support';

/** A draft, or a published public article, made by the setup staff member. */
async function article(env: AuthEnv, state: 'draft' | 'published'): Promise<number> {
  const token = await setupStaffToken(env);
  return (state === 'draft' ? await createArticle(env, token) : await published(env, token)).id;
}

function pdfForm(): FormData {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), '会刊.pdf');
  return form;
}

/**
 * Reading is for everyone, signed in or not (the body of a members-only article is checked in
 * articles.e2e-spec.ts); writing is staff's. Images are also taken from contacts of active units
 * (article files tests): the matrix's visitor is none.
 */
export const ACCESS: RouteAccess[] = [
  { method: 'GET', route: '/api/articles', allowed: EVERYONE },
  { method: 'GET', route: '/api/articles/manage', allowed: STAFF },
  {
    method: 'GET',
    route: '/api/articles/:id',
    allowed: EVERYONE,
    path: async (env) => `/api/articles/${await article(env, 'published')}`,
  },
  {
    method: 'POST',
    route: '/api/articles',
    allowed: STAFF,
    body: () => Promise.resolve(articleBody()),
  },
  {
    method: 'PATCH',
    route: '/api/articles/:id',
    allowed: STAFF,
    path: async (env) => `/api/articles/${await article(env, 'draft')}`,
    body: () => Promise.resolve({ title: '矩阵修改的标题' }),
  },
  {
    method: 'POST',
    route: '/api/articles/:id/publish',
    allowed: STAFF,
    path: async (env) => `/api/articles/${await article(env, 'draft')}/publish`,
  },
  {
    method: 'POST',
    route: '/api/articles/:id/unpublish',
    allowed: STAFF,
    path: async (env) => `/api/articles/${await article(env, 'published')}/unpublish`,
  },
  {
    method: 'POST',
    route: '/api/articles/:id/archive',
    allowed: STAFF,
    path: async (env) => `/api/articles/${await article(env, 'draft')}/archive`,
  },
  {
    method: 'POST',
    route: '/api/articles/:id/reads',
    allowed: EVERYONE,
    path: async (env) => `/api/articles/${await article(env, 'published')}/reads`,
  },
  // A person's own drafts: staff's new article and their edits of one (whose is whose: drafts.e2e-spec).
  { method: 'GET', route: '/api/articles/draft', allowed: STAFF },
  {
    method: 'PUT',
    route: '/api/articles/draft',
    allowed: STAFF,
    body: () => Promise.resolve({ title: '矩阵的草稿' }),
  },
  {
    method: 'GET',
    route: '/api/articles/:id/draft',
    allowed: STAFF,
    path: async (env) => `/api/articles/${await article(env, 'published')}/draft`,
  },
  {
    method: 'PUT',
    route: '/api/articles/:id/draft',
    allowed: STAFF,
    path: async (env) => `/api/articles/${await article(env, 'published')}/draft`,
    body: () => Promise.resolve({ title: '矩阵修改中的标题' }),
  },
  { method: 'POST', route: '/api/articles/images', allowed: STAFF, body: () => Promise.resolve(pngForm()) },
  {
    method: 'POST',
    route: '/api/articles/attachments',
    allowed: STAFF,
    body: () => Promise.resolve(pdfForm()),
  },
  {
    method: 'GET',
    route: '/api/articles/files/:fileId',
    allowed: EVERYONE,
    // The cover of a published public article: what every reader's list shows.
    path: async (env) => {
      const token = await setupStaffToken(env);
      const cover = await uploaded(env, token, 'images', PNG, '封面.png');
      await published(env, token, { coverFileId: cover.fileId });
      return cover.url;
    },
  },
];
