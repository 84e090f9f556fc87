import { randomUUID } from 'node:crypto';
import type { Application, ApplicationBody, StoredFile } from '@itss/shared';

// The applicant's side through the API, for browser tests whose subject is the staff pages.

export async function loginAs(baseUrl: string, persona: string): Promise<string> {
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as { code: string; token: string };
  };
  const { code } = await post('/__wechat/__standin/login-code', { persona });
  return (await post('/api/auth/wechat', { code })).token;
}

/** Calls the API as the holder of `token`; resolves to the answer's status and parsed body. */
export async function api<T>(
  baseUrl: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export async function uploadFile(baseUrl: string, token: string, bytes: Buffer, name: string, type: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  const response = await fetch(`${baseUrl}/api/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  if (!response.ok) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as StoredFile;
}

export function applicationBody(
  licenceFileId: number,
  overrides: Partial<ApplicationBody> = {},
): ApplicationBody {
  return {
    unitName: '北京数智运维科技有限公司',
    creditCode: '91110000600037341L',
    unitType: 'enterprise',
    province: '北京市',
    city: '海淀区',
    address: '北京市海淀区中关村大街 1 号',
    legalRepresentative: '孙法人',
    contact: { name: '钱联络', title: '市场总监', mobile: '13900000002', email: 'qian@example.com' },
    level: 'committee',
    businessDescription: '提供信息系统运行维护、IT 服务管理咨询与数据中心托管等信息技术服务。',
    itssConformityLevel: '2',
    licenceFileId,
    consents: { rules: true, privacy: true },
    ...overrides,
  };
}

export async function submitApplication(
  baseUrl: string,
  token: string,
  licence: Buffer,
  overrides: Partial<ApplicationBody> = {},
): Promise<Application> {
  const file = await uploadFile(baseUrl, token, licence, '营业执照.png', 'image/png');
  const answer = await api<Application>(
    baseUrl,
    token,
    'POST',
    '/api/applications',
    applicationBody(file.id, overrides),
    {
      'idempotency-key': randomUUID().replace(/-/g, ''),
    },
  );
  if (answer.status !== 201)
    throw new Error(`submission answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}
