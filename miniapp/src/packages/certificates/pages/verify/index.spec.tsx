import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { CertificateVerification } from '@itss/shared';
import { ok, serveBy, type Answer, type Call } from '@test/fixtures';
import { navigateTo, routerParams, storage } from '@test/taro-mock';
import { session } from '@/services/session';
import VerifyPage from './index';

const CODE = 'ABCDEFGHIJKLMNOPQRST';

const valid: CertificateVerification = {
  kind: 'membership',
  attendance: null,
  valid: true,
  unitName: '杭州云栈信息技术有限公司',
  level: 'committee',
  validThrough: '2026-12-31',
  status: 'valid',
  statusText: '有效',
  number: 'ITSS-2026-000009',
  year: 2026,
};

function serveVerification(answer: Answer): Call[] {
  return serveBy((call) =>
    call.path === `/api/certificates/${CODE}`
      ? answer
      : { statusCode: 404, data: { code: 'NOT_FOUND', message: '您访问的内容不存在' } },
  );
}

/** The big word at the top, once the answer is in. */
const verdict = () =>
  waitFor(() => {
    const word = document.querySelector('.verify-verdict__word')?.textContent;
    expect(word).toBeTruthy();
    return word;
  });

beforeEach(() => {
  storage.clear();
  session.reset({ status: 'signedOut' });
  for (const key of Object.keys(routerParams)) Reflect.deleteProperty(routerParams, key);
});

test('a valid certificate: 有效, the unit, its level, number and 有效期至, asked without any session', async () => {
  // A stale token on a shared browser is not sent: the page is public.
  storage.set('itss.session.token', 'token-old-0123456789abcdef');
  routerParams.code = CODE;
  const calls = serveVerification(ok(valid));
  render(<VerifyPage />);
  await expect(verdict()).resolves.toBe('有效');
  const text = document.body.textContent ?? '';
  for (const words of [
    '杭州云栈信息技术有限公司',
    '委员单位',
    'ITSS-2026-000009',
    '2026 年度',
    '2026-12-31',
    '会籍有效',
  ])
    expect(text).toContain(words);
  expect(document.querySelector('.verify-verdict--valid')).toBeTruthy();
  expect(calls).toEqual([{ method: 'GET', path: `/api/certificates/${CODE}`, token: null, data: undefined }]);
});

test('a certificate of attendance: 有效, who attended which training, when and for how many hours', async () => {
  routerParams.code = CODE;
  serveVerification(
    ok({
      ...valid,
      kind: 'attendance',
      unitName: '深圳示例科技有限公司',
      level: null,
      attendance: { name: '刘一', eventTitle: 'ITSS 标准宣贯培训', attendedOn: '2026-12-08', hours: 3.5 },
      number: 'ITSS-PX-2026-000042',
    }),
  );
  render(<VerifyPage />);
  await expect(verdict()).resolves.toBe('有效');
  const text = document.body.textContent ?? '';
  for (const words of [
    '培训证明',
    '刘一',
    '深圳示例科技有限公司',
    'ITSS 标准宣贯培训',
    '2026-12-08',
    '3.5 学时',
    'ITSS-PX-2026-000042',
  ])
    expect(text).toContain(words);
  // Nothing of a membership: no level, no 有效期至.
  expect(text).not.toContain('有效期至');
  expect(text).not.toContain('会籍有效');
});

test('a certificate of attendance whose registration was cancelled: 无效 with the reason', async () => {
  routerParams.code = CODE;
  serveVerification(
    ok({
      ...valid,
      kind: 'attendance',
      valid: false,
      status: 'removed',
      statusText: '该培训报名已被取消，培训证明无效',
      level: null,
      attendance: { name: '刘一', eventTitle: 'ITSS 标准宣贯培训', attendedOn: '2026-12-08', hours: 3.5 },
    }),
  );
  render(<VerifyPage />);
  await expect(verdict()).resolves.toBe('无效');
  expect(screen.getAllByText('该培训报名已被取消，培训证明无效').length).toBeGreaterThan(0);
});

test('a certificate of a unit since removed: 无效 with the reason', async () => {
  routerParams.code = CODE;
  serveVerification(
    ok({ ...valid, valid: false, status: 'removed', statusText: '该单位已被除名，证书无效' }),
  );
  render(<VerifyPage />);
  await expect(verdict()).resolves.toBe('无效');
  expect(document.querySelector('.verify-verdict--invalid')).toBeTruthy();
  expect(screen.getAllByText('该单位已被除名，证书无效').length).toBeGreaterThan(0);
  expect(document.body.textContent).toContain('杭州云栈信息技术有限公司');
});

test('opened in WeChat from the scanned https link (?q=): the code is read out of the URL', async () => {
  routerParams.q = encodeURIComponent(`https://itss.example.cn/verify?code=${CODE}`);
  const calls = serveVerification(ok(valid));
  render(<VerifyPage />);
  await expect(verdict()).resolves.toBe('有效');
  expect(calls.map((call) => call.path)).toEqual([`/api/certificates/${CODE}`]);
});

test('an unknown code: 证书编号无效, and nothing about any unit', async () => {
  routerParams.code = CODE;
  serveVerification({
    statusCode: 404,
    data: { code: 'CERTIFICATE_NOT_FOUND', message: '未找到该证书，请核对二维码或校验码' },
  });
  render(<VerifyPage />);
  await screen.findByText('证书编号无效');
  expect(document.querySelector('.verify-card')).toBeNull();
});

test('a malformed code is 证书编号无效 at once, without asking the server', async () => {
  routerParams.code = 'NOT-A-CODE';
  const calls = serveVerification(ok(valid));
  render(<VerifyPage />);
  expect(screen.getByText('证书编号无效')).toBeTruthy();
  await act(() => Promise.resolve());
  expect(calls).toEqual([]);
});

test('no code at all (a cut-off link; the server drops a malformed one): 证书编号无效 and how to verify', () => {
  const calls = serveVerification(ok(valid));
  render(<VerifyPage />);
  expect(screen.getByText('证书编号无效')).toBeTruthy();
  expect(screen.getByText(/扫描电子会员证书或培训证明上的二维码/)).toBeTruthy();
  expect(calls).toEqual([]);
  // Whoever checks a member may look the association's members up.
  fireEvent.click(screen.getByText('查看 ITSS 分会会员名录'));
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/directory/pages/index/index' });
});

test('a failure is not a verdict: the error with 重试, which asks again', async () => {
  routerParams.code = CODE;
  let fail = true;
  serveBy(() =>
    fail
      ? { statusCode: 503, data: { code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后重试' } }
      : ok(valid),
  );
  render(<VerifyPage />);
  await screen.findByText('服务暂时不可用，请稍后重试');
  expect(screen.queryByText('无效')).toBeNull();
  fail = false;
  fireEvent.click(screen.getByText('重试'));
  await expect(verdict()).resolves.toBe('有效');
});
