import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { decisionRequestSchema } from '@itss/shared';
import { typeInTextarea } from '@test/forms';
import { admin, ok, serveBy, signedInAs, type Answer, type Call } from '@test/fixtures';
import { application } from '@test/review-fixtures';
import {
  downloadFile,
  openDocument,
  previewImage,
  routerParams,
  showModal,
  showToast,
} from '@test/taro-mock';
import ApplicationPage from './index';

// A staff page opens only to those the server lets use it.
beforeEach(() => signedInAs(admin));

function open(api: (call: Call) => Answer): Call[] {
  routerParams.id = '41';
  const calls = serveBy(api);
  render(<ApplicationPage />);
  return calls;
}

const posts = (calls: Call[]) => calls.filter((c) => c.method === 'POST');

const typeReason = (value: string) => typeInTextarea('.decision-dialog__reason', value);

test('shows every field, the checksum warning, the history with reasons, and the licence image full screen on tap', async () => {
  open(() =>
    ok(
      application({
        creditCodeChecksumValid: false,
        state: 'resubmitted',
        history: [
          ...application().history,
          {
            state: 'needs_info',
            at: '2026-03-06T01:00:00.000Z',
            by: { role: 'staff', displayName: '会员服务部' },
            note: '营业执照照片不清晰',
          },
          {
            state: 'resubmitted',
            at: '2026-03-07T01:00:00.000Z',
            by: { role: 'applicant', displayName: '钱联络' },
            note: null,
          },
        ],
      }),
    ),
  );
  await screen.findByText('统一社会信用代码校验位不符，请核对营业执照');
  for (const text of [
    '91110108MA01XXXX1A',
    '企业',
    '北京市海淀区中关村大街 1 号',
    '孙法人',
    'ITSS 二级',
    '市场总监',
    '13900000002',
    'qian@example.com',
    '原因：营业执照照片不清晰',
    '2026 会议周展位',
  ])
    expect(screen.getAllByText(text, { exact: false }).length).toBeGreaterThan(0);
  const image = await waitFor(() => {
    const found = document.querySelector('.licence__image');
    if (!found) throw new Error('no licence image yet');
    return found;
  });
  expect(downloadFile).toHaveBeenCalledWith(expect.objectContaining({ url: 'https://api.test/api/files/9' }));
  expect(image.getAttribute('src')).toBe('wxfile://tmp/9');
  fireEvent.click(image);
  expect(previewImage).toHaveBeenCalledWith({ urls: ['wxfile://tmp/9'], current: 'wxfile://tmp/9' });
});

test('a PDF licence opens in WeChat’s document viewer', async () => {
  open(() =>
    ok(application({ licence: { id: 10, name: '执照.pdf', size: 3000, contentType: 'application/pdf' } })),
  );
  fireEvent.click(await screen.findByText('打开营业执照'));
  await waitFor(() =>
    expect(openDocument).toHaveBeenCalledWith(
      expect.objectContaining({ filePath: 'wxfile://tmp/10', fileType: 'pdf' }),
    ),
  );
});

test('要求补充材料 needs a reason, checked with the contract before anything is sent', async () => {
  const parse = jest.spyOn(decisionRequestSchema, 'safeParse');
  const calls = open((call) =>
    call.method === 'POST' ? ok(application({ state: 'needs_info' })) : ok(application()),
  );
  fireEvent.click(await screen.findByText('要求补充材料'));
  fireEvent.click(screen.getByText('提交'));
  await screen.findByText('请填写原因（至少 2 个字），申请人会看到');
  await typeReason('  好 ');
  fireEvent.click(screen.getByText('提交'));
  await screen.findByText('请填写原因（至少 2 个字），申请人会看到');
  expect(posts(calls)).toHaveLength(0);

  await typeReason('  请上传清晰的营业执照  ');
  fireEvent.click(screen.getByText('提交'));
  await waitFor(() => expect(posts(calls)).toHaveLength(1));
  const parsed = parse.mock.results.at(-1)?.value as ReturnType<typeof decisionRequestSchema.safeParse>;
  expect(posts(calls)[0]).toMatchObject({
    path: '/api/applications/41/decisions',
    data: { decision: 'needs_info', reason: '请上传清晰的营业执照' },
  });
  expect(posts(calls)[0]?.data).toBe(parsed.data);
  await waitFor(() =>
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已要求补充材料' })),
  );
  parse.mockRestore();
});

test('通过 asks first, naming the unit and its first bill; cancelling sends nothing', async () => {
  const calls = open((call) =>
    call.method === 'POST'
      ? ok(application({ state: 'approved', unit: { id: 2, name: '北京数智运维科技有限公司' } }))
      : ok(application()),
  );
  showModal.mockImplementationOnce(() => Promise.resolve({ errMsg: 'ok', confirm: false }));
  fireEvent.click(await screen.findByText('通过'));
  await waitFor(() => expect(showModal).toHaveBeenCalledTimes(1));
  const content = String(showModal.mock.calls[0]?.[0].content);
  expect(content).toContain('创建会员单位「北京数智运维科技有限公司」');
  expect(content).toMatch(/\d{4} 年度会费账单 10,000 元/);
  expect(posts(calls)).toHaveLength(0);

  fireEvent.click(screen.getByText('通过'));
  await waitFor(() => expect(posts(calls)).toHaveLength(1));
  expect(posts(calls)[0]?.data).toEqual({ decision: 'approve' });
});

test('when another staff member decided first, the 409 message is shown and the application reloaded', async () => {
  let decided = false;
  const calls = open((call) => {
    if (call.method === 'POST') {
      decided = true;
      return {
        statusCode: 409,
        data: {
          code: 'APPLICATION_WRONG_STATE',
          message: '申请状态已变化，当前不能进行此操作，请刷新后查看',
        },
      };
    }
    return ok(decided ? application({ state: 'approved' }) : application());
  });
  fireEvent.click(await screen.findByText('驳回'));
  await typeReason('不符合入会条件');
  fireEvent.click(screen.getByText('提交'));
  await waitFor(() =>
    expect(showModal).toHaveBeenCalledWith(
      expect.objectContaining({
        title: '无法提交',
        content: '申请状态已变化，当前不能进行此操作，请刷新后查看',
      }),
    ),
  );
  await screen.findByText('该申请已通过，无需审核');
  expect(screen.queryByText('驳回申请')).toBeNull();
  expect(calls.filter((c) => c.path === '/api/applications/41')).toHaveLength(2);
});

test('another failure stays in the dialog with the server’s message', async () => {
  open((call) =>
    call.method === 'POST'
      ? { statusCode: 503, data: { code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后重试' } }
      : ok(application()),
  );
  fireEvent.click(await screen.findByText('驳回'));
  await typeReason('不符合入会条件');
  fireEvent.click(screen.getByText('提交'));
  await screen.findByText('服务暂时不可用，请稍后重试');
  expect(screen.getByText('驳回申请')).toBeTruthy();
});

test('a 400 from the server shows the reason field’s own message in the dialog', async () => {
  open((call) =>
    call.method === 'POST'
      ? {
          statusCode: 400,
          data: {
            code: 'VALIDATION_FAILED',
            message: '提交的内容有误，请检查后重试',
            details: [{ path: 'reason', message: '原因最多 500 个字' }],
          },
        }
      : ok(application()),
  );
  fireEvent.click(await screen.findByText('驳回'));
  await typeReason('不符合入会条件');
  fireEvent.click(screen.getByText('提交'));
  await screen.findByText('原因最多 500 个字');
});

test('needs_info waits for the applicant: no decision buttons', async () => {
  open(() => ok(application({ state: 'needs_info' })));
  await screen.findByText('已要求补充材料，等待申请人修改后重新提交');
  expect(screen.queryByText('通过')).toBeNull();
});
