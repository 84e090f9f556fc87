import { certificateSchema, type Certificate } from '@itss/shared';
import { type AuthEnv, bearer } from '../support/auth-env';
import { unitWithPaidBill } from '../dues/receipts-support';

/** GET with a session, the answer's bytes as they came. */
export async function fetchBytes(
  env: AuthEnv,
  path: string,
  token: string | null,
): Promise<{ status: number; type: string | null; bytes: Buffer; headers: Headers }> {
  const response = await fetch(env.server.baseUrl + path, { headers: token ? bearer(token) : {} });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    bytes: Buffer.from(await response.arrayBuffer()),
    headers: response.headers,
  };
}

/** The certificate of a unit whose contact holds `token` and whose bill of this year is paid. */
export async function paidUnitCertificate(
  env: AuthEnv,
  token: string,
): Promise<{ unitId: number; certificate: Certificate }> {
  const { unitId } = await unitWithPaidBill(env, token);
  const res = await env.server.get(`/api/units/${unitId}/certificate`, { headers: bearer(token) });
  if (res.status !== 200) throw new Error(`certificate answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { unitId, certificate: certificateSchema.parse(res.body) };
}
