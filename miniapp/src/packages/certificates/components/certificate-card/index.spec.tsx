import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Certificate } from '@itss/shared';
import { ok, serveBy, type Answer, type Call } from '@test/fixtures';
import {
  downloadFile,
  getSetting,
  navigateTo,
  openDocument,
  openSetting,
  previewImage,
  saveImageToPhotosAlbum,
  setClipboardData,
  showModal,
  showToast,
  storage,
} from '@test/taro-mock';
import { beijingToday } from '@/utils/format';
import { CertificateCard, certificateBlock } from './index';

/** This year as the association counts it (Beijing). */
const YEAR = Number(beijingToday().slice(0, 4));

/** What 我的单位 hands the card: an active unit whose bill of this year is paid. */
const ready = {
  unit: { id: 9, status: 'active' as const },
  bills: [
    { year: YEAR, status: 'paid' as const },
    { year: YEAR - 1, status: 'unpaid' as const },
  ],
};

const certificate: Certificate = {
  code: 'ABCDEFGHIJKLMNOPQRST',
  number: 'ITSS-2026-000009',
  year: 2026,
  unitName: '杭州云栈信息技术有限公司',
  level: 'committee',
  validThrough: '2026-12-31',
  verifyUrl: 'https://itss.example.cn/verify?code=ABCDEFGHIJKLMNOPQRST',
  issuedAt: '2026-03-01T02:00:00.000Z',
};

function serveCertificate(answer: Answer = ok(certificate)): Call[] {
  return serveBy((call) =>
    call.path === '/api/units/9/certificate'
      ? answer
      : { statusCode: 404, data: { code: 'NOT_FOUND', message: '您访问的内容不存在' } },
  );
}

beforeEach(() => {
  storage.clear();
  storage.set('itss.session.token', 'token-member-0123456789abcdef');
});

test('the certificate: its image downloaded with the token, number, level, year and 有效期至', async () => {
  const calls = serveCertificate();
  render(<CertificateCard {...ready} />);
  await screen.findByText('ITSS-2026-000009');
  const text = document.body.textContent ?? '';
  for (const words of ['电子会员证书', '委员单位', '2026 年度', '有效期至', '2026-12-31'])
    expect(text).toContain(words);
  expect(calls.map((call) => [call.path, call.token])).toEqual([
    ['/api/units/9/certificate', 'token-member-0123456789abcdef'],
  ]);
  await waitFor(() =>
    expect(downloadFile).toHaveBeenCalledWith(
      expect.objectContaining({
        url: 'https://api.test/api/units/9/certificate.png',
        header: { Authorization: 'Bearer token-member-0123456789abcdef' },
      }),
    ),
  );
  const image = await waitFor(() => {
    const found = document.querySelector('.certificate-card__image');
    expect(found?.getAttribute('src')).toBe('wxfile://tmp/certificate.png');
    return found as Element;
  });
  fireEvent.click(image);
  expect(previewImage).toHaveBeenCalledWith({
    urls: ['wxfile://tmp/certificate.png'],
    current: 'wxfile://tmp/certificate.png',
  });
  fireEvent.click(screen.getByText('复制核验链接'));
  expect(setClipboardData).toHaveBeenCalledWith({ data: certificate.verifyUrl });
});

test('保存到相册 in WeChat saves the downloaded image and says so', async () => {
  serveCertificate();
  render(<CertificateCard {...ready} />);
  await waitFor(() => expect(document.querySelector('.certificate-card__image')).toBeTruthy());
  fireEvent.click(screen.getByText('保存到相册'));
  await waitFor(() =>
    expect(saveImageToPhotosAlbum).toHaveBeenCalledWith({ filePath: 'wxfile://tmp/certificate.png' }),
  );
  await waitFor(() => expect(showToast).toHaveBeenCalledWith({ title: '已保存到相册', icon: 'success' }));
  expect(openSetting).not.toHaveBeenCalled();
});

test('the album refused before: it explains why in Chinese, opens the settings, then saves once allowed', async () => {
  serveCertificate();
  getSetting.mockImplementationOnce(() =>
    Promise.resolve({ errMsg: 'getSetting:ok', authSetting: { 'scope.writePhotosAlbum': false } }),
  );
  openSetting.mockImplementationOnce(() =>
    Promise.resolve({ errMsg: 'openSetting:ok', authSetting: { 'scope.writePhotosAlbum': true } }),
  );
  render(<CertificateCard {...ready} />);
  await waitFor(() => expect(document.querySelector('.certificate-card__image')).toBeTruthy());
  fireEvent.click(screen.getByText('保存到相册'));
  await waitFor(() => expect(saveImageToPhotosAlbum).toHaveBeenCalled());
  expect(showModal).toHaveBeenCalledWith(
    expect.objectContaining({ title: '需要保存到相册的权限', confirmText: '去设置' }),
  );
  expect(openSetting).toHaveBeenCalledTimes(1);
});

test('the album refused in WeChat’s own dialog just now: explained; 暂不保存 leaves it at that', async () => {
  serveCertificate();
  saveImageToPhotosAlbum.mockImplementationOnce(() =>
    Promise.reject(
      Object.assign(new Error('saveImageToPhotosAlbum:fail auth deny'), {
        errMsg: 'saveImageToPhotosAlbum:fail auth deny',
      }),
    ),
  );
  showModal.mockImplementationOnce(() => Promise.resolve({ errMsg: 'showModal:ok', confirm: false }));
  render(<CertificateCard {...ready} />);
  await waitFor(() => expect(document.querySelector('.certificate-card__image')).toBeTruthy());
  fireEvent.click(screen.getByText('保存到相册'));
  await waitFor(() =>
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '需要保存到相册的权限' })),
  );
  expect(openSetting).not.toHaveBeenCalled();
  expect(saveImageToPhotosAlbum).toHaveBeenCalledTimes(1);
  expect(showToast).not.toHaveBeenCalled();
});

test('下载 PDF in WeChat opens the certificate in WeChat’s viewer', async () => {
  serveCertificate();
  render(<CertificateCard {...ready} />);
  fireEvent.click(await screen.findByText('下载 PDF'));
  await waitFor(() =>
    expect(openDocument).toHaveBeenCalledWith({
      filePath: 'wxfile://tmp/certificate.pdf',
      fileType: 'pdf',
      showMenu: true,
    }),
  );
  expect(downloadFile).toHaveBeenCalledWith(
    expect.objectContaining({ url: 'https://api.test/api/units/9/certificate.pdf' }),
  );
});

test('in a browser both buttons download files named after the certificate', async () => {
  process.env.TARO_ENV = 'h5';
  serveCertificate();
  const original = downloadFile.getMockImplementation();
  downloadFile.mockImplementation((options) =>
    Promise.resolve({
      errMsg: 'downloadFile:ok',
      statusCode: 200,
      tempFilePath: String(options.url).endsWith('.pdf') ? 'blob:pdf' : 'blob:png',
    }),
  );
  const saved: string[] = [];
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    saved.push(`${this.download} ${this.getAttribute('href')}`);
  });
  try {
    render(<CertificateCard {...ready} />);
    await waitFor(() => expect(document.querySelector('.certificate-card__image')).toBeTruthy());
    fireEvent.click(screen.getByText('下载图片'));
    fireEvent.click(screen.getByText('下载 PDF'));
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(saved).toEqual([
      '电子会员证书-2026-ITSS-2026-000009.png blob:png',
      '电子会员证书-2026-ITSS-2026-000009.pdf blob:pdf',
    ]);
    expect(saveImageToPhotosAlbum).not.toHaveBeenCalled();
    expect(openDocument).not.toHaveBeenCalled();
  } finally {
    click.mockRestore();
    if (original) downloadFile.mockImplementation(original);
  }
});

test('this year unpaid on the page: the reason and the way to 会费, without asking the server', () => {
  const calls = serveCertificate();
  render(<CertificateCard unit={ready.unit} bills={[{ year: YEAR, status: 'partially_paid' }]} />);
  expect(screen.getByText('本年度会费尚未缴清，缴清后即可领取电子会员证书')).toBeTruthy();
  expect(calls).toEqual([]);
  expect(downloadFile).not.toHaveBeenCalled();
  fireEvent.click(screen.getByText('前往会费'));
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/dues/pages/index/index?unitId=9' });
});

test('what blocks a certificate: not active, or this year’s bills not all paid or waived (a void one aside)', () => {
  const active = { status: 'active' as const };
  const notPaid = '本年度会费尚未缴清，缴清后即可领取电子会员证书';
  expect(certificateBlock(active, [{ year: 2026, status: 'paid' }], 2026)).toBeNull();
  expect(
    certificateBlock(
      active,
      [
        { year: 2026, status: 'paid' },
        { year: 2026, status: 'waived' },
        { year: 2026, status: 'void' },
        { year: 2025, status: 'unpaid' },
      ],
      2026,
    ),
  ).toBeNull();
  expect(certificateBlock(active, [{ year: 2026, status: 'unpaid' }], 2026)).toBe(notPaid);
  expect(
    certificateBlock(
      active,
      [
        { year: 2026, status: 'paid' },
        { year: 2026, status: 'partially_paid' },
      ],
      2026,
    ),
  ).toBe(notPaid);
  // No bill of the year yet (before it is opened), or only a void one.
  expect(certificateBlock(active, [{ year: 2025, status: 'paid' }], 2026)).toBe(notPaid);
  expect(certificateBlock(active, [{ year: 2026, status: 'void' }], 2026)).toBe(notPaid);
  expect(certificateBlock({ status: 'suspended' }, [{ year: 2026, status: 'paid' }], 2026)).toBe(
    '该单位会籍不在有效状态，暂不能领取电子会员证书',
  );
});

test('the server refuses anyway (unpaid by its count): its reason and the way to 会费', async () => {
  serveCertificate({
    statusCode: 409,
    data: { code: 'CERTIFICATE_NOT_PAID', message: '本年度会费尚未缴清，缴清后即可领取电子会员证书' },
  });
  render(<CertificateCard {...ready} />);
  await screen.findByText('本年度会费尚未缴清，缴清后即可领取电子会员证书');
  expect(downloadFile).not.toHaveBeenCalled();
  expect(screen.queryByText('下载 PDF')).toBeNull();
  fireEvent.click(screen.getByText('前往会费'));
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/dues/pages/index/index?unitId=9' });
});

test('the server says the unit is not active: told why, too', async () => {
  serveCertificate({
    statusCode: 409,
    data: { code: 'CERTIFICATE_UNIT_INACTIVE', message: '该单位会籍不在有效状态，暂不能领取电子会员证书' },
  });
  render(<CertificateCard {...ready} />);
  await screen.findByText('该单位会籍不在有效状态，暂不能领取电子会员证书');
  expect(screen.getByText('前往会费')).toBeTruthy();
});

test('a failure to load says so with 重试, which loads again', async () => {
  let fail = true;
  serveBy(() =>
    fail
      ? { statusCode: 503, data: { code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后重试' } }
      : ok(certificate),
  );
  render(<CertificateCard {...ready} />);
  await screen.findByText('服务暂时不可用，请稍后重试');
  fail = false;
  fireEvent.click(screen.getByText('重试'));
  await screen.findByText('ITSS-2026-000009');
});

test('an image that cannot be downloaded says so; 下载 PDF still works', async () => {
  serveCertificate();
  downloadFile.mockImplementationOnce(() =>
    Promise.resolve({ errMsg: 'downloadFile:ok', statusCode: 503, tempFilePath: 'wxfile://tmp/x' }),
  );
  render(<CertificateCard {...ready} />);
  await screen.findByText('重试');
  expect(screen.getByText('保存到相册').closest('taro-button-core')?.hasAttribute('disabled')).toBe(true);
  fireEvent.click(screen.getByText('下载 PDF'));
  await waitFor(() => expect(openDocument).toHaveBeenCalled());
});
