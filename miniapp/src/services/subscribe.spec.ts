import { renderHook, waitFor } from '@testing-library/react';
import { ok, serveBy } from '@test/fixtures';
import { requestSubscribeMessage } from '@test/taro-mock';
import { useSubscribeMessages } from './subscribe';

beforeEach(() => {
  requestSubscribeMessage.mockReset().mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok' });
  process.env.TARO_ENV = 'weapp';
});

/** The stand-in's shape: one template id for every purpose. */
const SHARED = {
  items: [
    { purpose: 'application_decision', templateId: 'tmpl-shared' },
    { purpose: 'join_request_decision', templateId: 'tmpl-shared' },
    { purpose: 'group_code_expiring', templateId: 'tmpl-other' },
  ],
};

test('asks for the purposes’ templates only, each id once', async () => {
  serveBy(() => ok(SHARED));
  const { result } = renderHook(() =>
    useSubscribeMessages(['application_decision', 'join_request_decision']),
  );
  await waitFor(() => expect(result.current.ready).toBe(true));
  await result.current.ask();
  expect(requestSubscribeMessage).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: ['tmpl-shared'] }));
});

test('asks nothing in the browser, where WeChat has no dialog', async () => {
  process.env.TARO_ENV = 'h5';
  const calls = serveBy(() => ok(SHARED));
  const { result } = renderHook(() => useSubscribeMessages(['group_code_expiring']));
  expect(await result.current.ask()).toBe('unavailable');
  expect(result.current.ready).toBe(false);
  expect(calls).toEqual([]);
  expect(requestSubscribeMessage).not.toHaveBeenCalled();
});
