// What the applicant side does through the API, so the staff pages have something to review: log in
// as a stand-in persona, upload a licence, submit an application. The staff pages are the subject.
const { randomUUID } = require('node:crypto');
const { httpRequest, postJson } = require('./http');

/** A real 1×1 PNG: the server types uploads by their bytes. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

async function loginAs(origin, persona) {
  const { code } = await postJson(`${origin}/__wechat/__standin/login-code`, { persona });
  const { token } = await postJson(`${origin}/api/auth/wechat`, { code });
  return token;
}

async function call(origin, token, method, path, data, headers = {}) {
  const response = await httpRequest({
    url: `${origin}${path}`,
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: data === undefined ? undefined : JSON.stringify(data),
  });
  if (response.status < 200 || response.status >= 300)
    throw new Error(`${method} ${path} answered ${response.status}: ${response.body}`);
  return response.body ? JSON.parse(response.body) : undefined;
}

async function uploadLicence(origin, token, bytes = PNG, name = 'licence.png', type = 'image/png') {
  const boundary = `----itss${randomUUID()}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const response = await httpRequest({
    url: `${origin}/api/files`,
    method: 'POST',
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      authorization: `Bearer ${token}`,
    },
    body,
  });
  if (response.status !== 201 && response.status !== 200)
    throw new Error(`upload answered ${response.status}: ${response.body}`);
  return JSON.parse(response.body);
}

/** A complete application body; `creditCode` 91110000600037341L passes its checksum, …341M does not. */
function applicationBody(licenceFileId, overrides = {}) {
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
    licenceFileId,
    consents: { rules: true, privacy: true },
    ...overrides,
  };
}

/** Uploads a licence and submits an application as `persona`; resolves to the application. */
async function submitApplication(origin, persona, overrides = {}) {
  const token = await loginAs(origin, persona);
  const licence = await uploadLicence(origin, token);
  const key = randomUUID().replace(/-/g, '');
  return call(origin, token, 'POST', '/api/applications', applicationBody(licence.id, overrides), {
    'idempotency-key': key,
  });
}

module.exports = { PNG, loginAs, call, uploadLicence, applicationBody, submitApplication };
