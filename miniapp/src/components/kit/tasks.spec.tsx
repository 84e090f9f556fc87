import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { ErrorCode, errorMessage } from '@itss/shared';
import { downloadFile, showModal, showToast } from '@test/taro-mock';
import { apiErrorOf } from '@/services/http';
import { Downloaded } from './downloaded';
import { useConfirmedAction } from './use-confirmed-action';
import { useTask } from './use-task';

test('a task is busy while it runs and keeps the message of its failure until it runs again', async () => {
  const { result } = renderHook(() => useTask());
  let finish: () => void = () => undefined;
  let running: Promise<void> = Promise.resolve();
  act(() => {
    running = result.current.run(() => new Promise<void>((resolve) => (finish = resolve)));
  });
  expect(result.current.busy).toBe(true);
  await act(async () => {
    finish();
    await running;
  });
  expect(result.current.busy).toBe(false);
  await act(() => result.current.run(() => Promise.reject(apiErrorOf(ErrorCode.NetworkError))));
  expect(result.current.error).toBe(errorMessage(ErrorCode.NetworkError));
  await act(() =>
    result.current.run(
      () => Promise.reject(new Error('x')),
      () => '请填写原因',
    ),
  );
  expect(result.current.error).toBe('请填写原因');
  await act(() => result.current.run(() => Promise.resolve()));
  expect(result.current.error).toBeNull();
});

test('a confirmed action asks first, says it is done, and reloads even after a refusal', async () => {
  const reload = jest.fn(() => Promise.resolve());
  const { result } = renderHook(() => useConfirmedAction(reload));
  const call = jest.fn(() => Promise.resolve());
  showModal.mockResolvedValueOnce({ errMsg: 'ok', confirm: false });
  await act(() => result.current.run({ title: '移除联系人', content: '确定吗？' }, call, '已移除'));
  expect(call).not.toHaveBeenCalled();
  await act(() => result.current.run({ title: '移除联系人', content: '确定吗？' }, call, '已移除'));
  expect(showToast).toHaveBeenCalledWith({ title: '已移除', icon: 'success' });
  await act(() =>
    result.current.run(
      { title: '移除联系人', content: '确定吗？' },
      () => Promise.reject(apiErrorOf(ErrorCode.NetworkError)),
      '已移除',
    ),
  );
  expect(showModal).toHaveBeenLastCalledWith(
    expect.objectContaining({ title: '操作未完成', content: errorMessage(ErrorCode.NetworkError) }),
  );
  expect(reload).toHaveBeenCalledTimes(2);
});

test('a downloaded file is shown from its local path; a failure offers 重试', async () => {
  const load = jest
    .fn<Promise<string>, []>()
    .mockRejectedValueOnce(apiErrorOf(ErrorCode.NetworkError))
    .mockResolvedValueOnce('wxfile://tmp/code.png');
  render(<Downloaded load={load}>{(localPath) => <span>{localPath}</span>}</Downloaded>);
  (await screen.findByText('重试')).click();
  await screen.findByText('wxfile://tmp/code.png');
  await waitFor(() => expect(load).toHaveBeenCalledTimes(2));
  expect(downloadFile).not.toHaveBeenCalled();
});
