import { type Application, type ApplicationBody, type Decision } from '@itss/shared';
import { type AuthEnv, bearer, login, postJson, seedOf, withRoles } from './auth-env';
import { PNG, idempotencyKey, multipart, validCreditCode } from './seed';

export { PDF, PNG, applicationBody, idempotencyKey, validCreditCode } from './seed';

let sequence = 0;

/** The same code with its check character changed: well formed, checksum wrong. */
export function mismatchedCreditCode(): string {
  const valid = validCreditCode();
  return valid.slice(0, 17) + (valid.endsWith('0') ? '1' : '0');
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
  return (await seedOf(env).uploadLicence(token, { bytes })).id;
}

export function postApplication(env: AuthEnv, token: string, body: unknown, key = idempotencyKey()) {
  return postJson(env, '/api/applications', body, { ...bearer(token), 'idempotency-key': key });
}

/** Uploads a licence and submits an application as this person: the state `submitted`. */
export function submitApplication(
  env: AuthEnv,
  token: string,
  overrides: Partial<ApplicationBody> = {},
): Promise<Application> {
  return seedOf(env).submitApplication(token, overrides);
}

export function decide(env: AuthEnv, token: string, id: number, decision: Decision, reason?: string) {
  return postJson(env, `/api/applications/${id}/decisions`, { decision, reason }, bearer(token));
}

export function decided(
  env: AuthEnv,
  token: string,
  id: number,
  decision: Decision,
  reason?: string,
): Promise<Application> {
  return seedOf(env).decideApplication(token, id, decision, reason);
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
  return multipart({ bytes, name });
}
