import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import {
  type Application,
  type ApplicationBody,
  type Bill,
  type OpenBillsResponse,
  type ArticleDetail,
  type CreateArticleRequest,
  type CreateUnitRequest,
  type Decision,
  type Group,
  type Invite,
  type LoginResponse,
  type StoredFile,
  type Unit,
  applicationSchema,
  articleDetailSchema,
  billListResponseSchema,
  openBillsResponseSchema,
  groupSchema,
  inviteSchema,
  loginResponseSchema,
  storedFileSchema,
  unitSchema,
  usccCheckCharacter,
} from '@itss/shared';
import type { StandinPersonaKey } from '../../src/wechat/standin/personas';

export type { StandinPersonaKey };

/*
 * Test data made the way people make it: through the HTTP API of a running server, with the local
 * WeChat stand-in playing the WeChat client. One library for every suite that needs data: the
 * server's API tests, the browser suite and the weapp runtime suite. It depends on nothing but Node
 * and the contract (the stand-in's persona keys are a type only), and speaks node:http (the weapp
 * suite runs in jsdom, which has no fetch), so any suite can import it by path, whatever server it
 * talks to.
 *
 * The first staff member comes from the environment, not from here: the built server's seed makes
 * the stand-in persona `staff` one, the server tests grant roles in-process.
 */

/** Where seeding speaks: the API's origin and the WeChat stand-in's base (its control routes under `/__standin`). */
export interface SeedTarget {
  api: string;
  standin: string;
}

/** A built server (`server/dist/main.js` without WeChat credentials) serves its stand-in under `/__wechat`. */
export function builtServer(origin: string): SeedTarget {
  return { api: origin, standin: `${origin}/__wechat` };
}

/** A WeChat user as the stand-in knows them: a demo persona, or any openid. */
export type WechatUser = { persona: StandinPersonaKey } | { openid: string };

export interface Answer<T = unknown> {
  status: number;
  headers: Record<string, string>;
  /** The parsed JSON body (undefined when empty), or the text of another kind of answer. */
  body: T;
  bytes: Buffer;
}

/** A file as a person picks it. */
export interface PickedFile {
  bytes: Buffer;
  name?: string;
  type?: string;
}

/** A real 1×1 PNG and a minimal PDF: what the server's uploads accept, judged from the bytes. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

let sequence = 0;

/** A credit code with a valid check character, new on each call within this process. */
export function validCreditCode(): string {
  const first17 = `9111${String(process.pid % 10_000).padStart(4, '0')}${String(sequence++).padStart(9, '0')}`;
  return first17 + usccCheckCharacter(first17);
}

export function idempotencyKey(): string {
  return randomBytes(16).toString('hex');
}

/** A complete application of a new unit (a fresh credit code each time); `overrides` name another. */
export function applicationBody(
  licenceFileId: number,
  overrides: Partial<ApplicationBody> = {},
): ApplicationBody {
  return {
    unitName: '北京示例信息技术有限公司',
    creditCode: validCreditCode(),
    unitType: 'enterprise',
    province: '北京市',
    city: '海淀区',
    address: '北京市海淀区中关村大街 1 号',
    legalRepresentative: '张三',
    contact: { name: '李四', title: '总经理助理', mobile: '13912345678', email: 'lisi@example.com' },
    level: 'committee',
    businessDescription: '信息技术服务、运行维护、系统集成与咨询，服务金融与政务行业客户十余年。',
    licenceFileId,
    consents: { rules: true, privacy: true },
    ...overrides,
  };
}

/**
 * The unit the suites that drive the mini-program apply for as the demo personas: their pages'
 * expectations name it. Its credit code passes the checksum (…341M would not).
 */
export const DEMO_APPLICATION = {
  unitName: '北京数智运维科技有限公司',
  creditCode: '91110000600037341L',
  legalRepresentative: '孙法人',
  contact: { name: '钱联络', title: '市场总监', mobile: '13900000002', email: 'qian@example.com' },
  businessDescription: '提供信息系统运行维护、IT 服务管理咨询与数据中心托管等信息技术服务。',
} as const satisfies Partial<ApplicationBody>;

/** A multipart body: `fields` first, then the file in `field`. */
export function multipart(
  file: PickedFile,
  { field = 'file', fields = {} }: { field?: string; fields?: Record<string, string> } = {},
): { contentType: string; bytes: Buffer } {
  const boundary = `----itss${randomBytes(8).toString('hex')}`;
  const parts = Object.entries(fields).map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  const name = file.name ?? '营业执照.png';
  const type = file.type ?? 'application/octet-stream';
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    bytes: Buffer.concat([
      ...parts,
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

/** One HTTP exchange; a body goes with its length (Node's parser refuses a chunked DELETE body). */
function exchange(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const sent = body ? { ...headers, 'content-length': String(body.length) } : headers;
    // A connection per request: nothing is left open when a suite closes its server.
    const req = httpRequest(url, { method, headers: sent, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const flat: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        const bytes = Buffer.concat(chunks);
        const text = bytes.toString('utf8');
        const json = flat['content-type']?.includes('json') && text !== '';
        resolve({
          status: response.statusCode ?? 0,
          headers: flat,
          body: json ? JSON.parse(text) : text || undefined,
          bytes,
        });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

function failure(what: string, answer: Answer): Error {
  return new Error(`${what} answered ${answer.status}: ${answer.bytes.toString('utf8')}`);
}

export type Seed = ReturnType<typeof seeding>;

/** The seeding steps against one server and its stand-in. */
export function seeding(target: SeedTarget) {
  const bearer = (token: string | null): Record<string, string> =>
    token ? { authorization: `Bearer ${token}` } : {};

  /** A request as the holder of `token` (or nobody), answered whatever its status. */
  function call<T = unknown>(
    token: string | null,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> {
    const json = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const contentType: Record<string, string> = json ? { 'content-type': 'application/json' } : {};
    return exchange(
      `${target.api}${path}`,
      method,
      { ...contentType, ...bearer(token), ...headers },
      json,
    ) as Promise<Answer<T>>;
  }

  /** The same, for setup: anything but a 2xx is an error. */
  async function ok<T = unknown>(
    token: string | null,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const answer = await call<T>(token, method, path, body, headers);
    if (answer.status < 200 || answer.status >= 300) throw failure(`${method} ${path}`, answer);
    return answer.body;
  }

  /** A file in a multipart request, as the mini-program's upload sends it. */
  function upload<T = unknown>(
    token: string | null,
    path: string,
    file: PickedFile,
    options: { method?: string; field?: string; fields?: Record<string, string> } = {},
  ): Promise<Answer<T>> {
    const { contentType, bytes } = multipart(file, options);
    return exchange(
      `${target.api}${path}`,
      options.method ?? 'POST',
      { 'content-type': contentType, ...bearer(token) },
      bytes,
    ) as Promise<Answer<T>>;
  }

  async function standin(route: string, body: unknown): Promise<string> {
    const path = `${target.standin}/__standin/${route}`;
    const answer = await exchange(
      path,
      'POST',
      { 'content-type': 'application/json' },
      Buffer.from(JSON.stringify(body)),
    );
    if (answer.status !== 200) throw failure(`POST ${path}`, answer);
    return (answer.body as { code: string }).code;
  }

  /** A one-time wx.login code for this user, as the WeChat client would get one. */
  const loginCode = (who: WechatUser) => standin('login-code', who);

  /** A one-time phone code, as WeChat's phone-number button hands one over. */
  const phoneCode = (who: { persona: StandinPersonaKey } | { phone: string }) => standin('phone-code', who);

  /** Signs in as this WeChat user, through the stand-in's code as the mini-program does. */
  async function signIn(who: WechatUser): Promise<LoginResponse> {
    const answer = await call(null, 'POST', '/api/auth/wechat', { code: await loginCode(who) });
    if (answer.status !== 200) throw failure(`login ${JSON.stringify(who)}`, answer);
    return loginResponseSchema.parse(answer.body);
  }

  /** Binds this phone to the signed-in person, as 我的 does with WeChat's phone number. */
  async function bindPhone(token: string, phone: string): Promise<void> {
    await ok(token, 'POST', '/api/me/phone', { code: await phoneCode({ phone }) });
  }

  async function uploadLicence(token: string, file: PickedFile = { bytes: PNG }): Promise<StoredFile> {
    const answer = await upload(token, '/api/files', {
      name: '营业执照.png',
      type: 'image/png',
      ...file,
    });
    if (answer.status !== 201) throw failure('upload', answer);
    return storedFileSchema.parse(answer.body);
  }

  /** Uploads a licence and submits an application as this person: the state `submitted`. */
  async function submitApplication(
    token: string,
    overrides: Partial<ApplicationBody> = {},
    licence?: PickedFile,
  ): Promise<Application> {
    const file = await uploadLicence(token, licence);
    const body = applicationBody(file.id, overrides);
    const answer = await call(token, 'POST', '/api/applications', body, {
      'idempotency-key': idempotencyKey(),
    });
    if (answer.status !== 201) throw failure('submission', answer);
    return applicationSchema.parse(answer.body);
  }

  async function decideApplication(
    staffToken: string,
    id: number,
    decision: Decision,
    reason?: string,
  ): Promise<Application> {
    return applicationSchema.parse(
      await ok(staffToken, 'POST', `/api/applications/${id}/decisions`, { decision, reason }),
    );
  }

  /** A member unit whose primary contact is the holder of `token`, made as joining makes one: approval. */
  async function memberUnit(
    token: string,
    staffToken: string,
    overrides: Partial<ApplicationBody> = {},
  ): Promise<{ application: Application; unit: NonNullable<Application['unit']> }> {
    const application = await submitApplication(token, overrides);
    const approved = await decideApplication(staffToken, application.id, 'approve');
    if (!approved.unit) throw new Error('approval made no unit');
    return { application, unit: approved.unit };
  }

  /** A unit recorded by staff (one that joined before this system), with no contacts yet. */
  async function recordUnit(staffToken: string, unit: CreateUnitRequest): Promise<Unit> {
    return unitSchema.parse(await ok(staffToken, 'POST', '/api/units', unit));
  }

  async function invite(token: string, unitId: number): Promise<Invite> {
    return inviteSchema.parse(await ok(token, 'POST', `/api/units/${unitId}/invites`));
  }

  /** The holder of `joinerToken` joins the unit through an invite of `inviterToken`. */
  async function addContact(
    unitId: number,
    inviterToken: string,
    joinerToken: string,
    name: string,
    title?: string,
  ): Promise<void> {
    const { token } = await invite(inviterToken, unitId);
    await ok(joinerToken, 'POST', `/api/invites/${token}/accept`, { name, title });
  }

  /** A draft, as the staff editor saves one. */
  async function createArticle(token: string, article: CreateArticleRequest): Promise<ArticleDetail> {
    return articleDetailSchema.parse(await ok(token, 'POST', '/api/articles', article));
  }

  /** A draft published: what readers see. */
  async function publishArticle(token: string, article: CreateArticleRequest): Promise<ArticleDetail> {
    const { id } = await createArticle(token, article);
    return articleDetailSchema.parse(await ok(token, 'POST', `/api/articles/${id}/publish`));
  }

  /** A group's QR image, uploaded as the staff page does (multipart, `expiresAt` when given). */
  async function uploadGroupCode(
    token: string,
    groupId: number,
    {
      bytes = PNG,
      expiresAt,
      name = '群二维码.png',
    }: { bytes?: Buffer; expiresAt?: string; name?: string } = {},
  ): Promise<Group> {
    const answer = await upload(
      token,
      `/api/groups/${groupId}/code`,
      { bytes, name, type: 'image/png' },
      { method: 'PUT', fields: expiresAt === undefined ? {} : { expiresAt } },
    );
    if (answer.status !== 200) throw failure('code upload', answer);
    return groupSchema.parse(answer.body);
  }

  /** Staff open a year's bills for every unit that owes them (a past year needs `dueDate`). */
  async function openYearBills(
    staffToken: string,
    year: number,
    dueDate?: string,
  ): Promise<OpenBillsResponse> {
    return openBillsResponseSchema.parse(
      await ok(staffToken, 'POST', `/api/dues/years/${year}/bills`, dueDate === undefined ? {} : { dueDate }),
    );
  }

  /** A unit's bills, newest year first, as its contacts (or staff) read them. */
  async function billsOfUnit(token: string, unitId: number): Promise<Bill[]> {
    return billListResponseSchema.parse(await ok(token, 'GET', `/api/units/${unitId}/bills`)).items;
  }

  return {
    call,
    ok,
    upload,
    loginCode,
    phoneCode,
    signIn,
    bindPhone,
    uploadLicence,
    submitApplication,
    decideApplication,
    memberUnit,
    recordUnit,
    invite,
    addContact,
    createArticle,
    publishArticle,
    uploadGroupCode,
    openYearBills,
    billsOfUnit,
  };
}
