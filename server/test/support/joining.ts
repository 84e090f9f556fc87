import { randomBytes } from 'node:crypto';
import {
  type Application,
  type ApplicationBody,
  type Decision,
  applicationSchema,
  storedFileSchema,
  usccCheckCharacter,
} from '@itss/shared';
import { type AuthEnv, bearer, login, postJson, withRoles } from './auth-env';

/** A real 1×1 PNG and a minimal PDF: what the upload accepts, judged from the bytes. */
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

/** The same code with its check character changed: well formed, checksum wrong. */
export function mismatchedCreditCode(): string {
  const valid = validCreditCode();
  return valid.slice(0, 17) + (valid.endsWith('0') ? '1' : '0');
}

export function idempotencyKey(): string {
  return randomBytes(16).toString('hex');
}

/** A signed-in person, with roles if asked. */
export async function person(
  env: AuthEnv,
  openid: string,
  roles: ('staff' | 'admin')[] = [],
): Promise<{ id: number; token: string }> {
  if (roles.length) await withRoles(env, openid, roles);
  const { token, user } = await login(env, openid);
  return { id: user.id, token };
}

/** POST /api/files with the bytes in the multipart field `file` (or another field when asked). */
export function uploadRaw(
  env: AuthEnv,
  token: string | null,
  bytes: Buffer,
  name = '营业执照.png',
  declaredType = 'image/png',
  field = 'file',
) {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)], { type: declaredType }), name);
  return env.server.get('/api/files', { method: 'POST', headers: token ? bearer(token) : {}, body: form });
}

export async function uploadLicence(env: AuthEnv, token: string, bytes = PNG): Promise<number> {
  const res = await uploadRaw(env, token, bytes);
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
  return storedFileSchema.parse(res.body).id;
}

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

export function postApplication(env: AuthEnv, token: string, body: unknown, key = idempotencyKey()) {
  return postJson(env, '/api/applications', body, { ...bearer(token), 'idempotency-key': key });
}

/** Uploads a licence and submits an application as this person: the state `submitted`. */
export async function submitApplication(
  env: AuthEnv,
  token: string,
  overrides: Partial<ApplicationBody> = {},
): Promise<Application> {
  const body = applicationBody(await uploadLicence(env, token), overrides);
  const res = await postApplication(env, token, body);
  if (res.status !== 201) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
  return applicationSchema.parse(res.body);
}

export function decide(env: AuthEnv, token: string, id: number, decision: Decision, reason?: string) {
  return postJson(env, `/api/applications/${id}/decisions`, { decision, reason }, bearer(token));
}

export async function decided(
  env: AuthEnv,
  token: string,
  id: number,
  decision: Decision,
  reason?: string,
): Promise<Application> {
  const res = await decide(env, token, id, decision, reason);
  if (res.status !== 200) throw new Error(`decide: ${res.status} ${JSON.stringify(res.body)}`);
  return applicationSchema.parse(res.body);
}

let setupStaff: Promise<string> | null = null;
let setupEnv: AuthEnv | null = null;

/** A staff member for test setup (deciding applications that a test only needs in some state). */
export function setupStaffToken(env: AuthEnv): Promise<string> {
  if (setupEnv !== env || !setupStaff) {
    setupEnv = env;
    setupStaff = person(env, `o_setup_staff_${sequence++}`, ['staff']).then((p) => p.token);
  }
  return setupStaff;
}

/** An application of this person's, brought to `state` through the API. */
export async function applicationIn(
  env: AuthEnv,
  token: string,
  state: 'submitted' | 'needs_info' | 'approved',
): Promise<Application> {
  const application = await submitApplication(env, token);
  if (state === 'submitted') return application;
  const staff = await setupStaffToken(env);
  return state === 'approved'
    ? decided(env, staff, application.id, 'approve')
    : decided(env, staff, application.id, 'needs_info', '请补充营业执照副本');
}

/** A multipart body with one file in the field `file`, as bytes (for requests sent at once). */
export function multipartFile(bytes: Buffer, name = '营业执照.png'): { contentType: string; bytes: Buffer } {
  const boundary = `----itss${randomBytes(8).toString('hex')}`;
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    bytes: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}
