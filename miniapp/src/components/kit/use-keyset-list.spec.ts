import { ErrorCode } from '@itss/shared';
import { act, renderHook, waitFor, type RenderHookResult } from '@testing-library/react';
import { apiErrorOf, type ApiError } from '@/services/http';
import { useKeysetList, type KeysetList, type UseKeysetListResult } from './use-keyset-list';

// A list shaped like every list of the contract (`nextCursor`).
interface Page {
  items: string[];
  nextCursor: string | null;
}

const page = (items: string[], nextCursor: string | null): Page => ({ items, nextCursor });

function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

type Hook = RenderHookResult<UseKeysetListResult<string>, unknown>;

async function open(load: (cursor: string | null) => Promise<Page>): Promise<Hook> {
  const hook = renderHook(() => useKeysetList(load, (answer) => answer.nextCursor));
  await waitFor(() => expect(hook.result.current.state.status).not.toBe('loading'));
  return hook;
}

function listOf({ result }: Hook): KeysetList<string> {
  const { state } = result.current;
  if (state.status !== 'success') throw new Error(`no list but ${state.status}`);
  return state.data;
}

const offline = (): Promise<Page> => Promise.reject(apiErrorOf(ErrorCode.NetworkError));

test('loads the first page, then each next page with the cursor the server returned, up to the end', async () => {
  const pages = new Map([
    [null, page(['e', 'd'], 'c2')],
    ['c2', page(['c', 'b'], 'c3')],
    ['c3', page(['a'], null)],
  ]);
  const load = jest.fn((cursor: string | null) => {
    const answer = pages.get(cursor);
    return answer ? Promise.resolve(answer) : offline();
  });
  const hook = renderHook(() => useKeysetList(load, (answer) => answer.nextCursor));
  expect(hook.result.current.state).toEqual({ status: 'loading' });
  await waitFor(() => expect(hook.result.current.state.status).toBe('success'));
  expect(listOf(hook)).toEqual({ items: ['e', 'd'], hasMore: true, loadingMore: false, moreError: null });

  await act(() => hook.result.current.loadMore());
  expect(listOf(hook).items).toEqual(['e', 'd', 'c', 'b']);
  await act(() => hook.result.current.loadMore());
  expect(listOf(hook)).toEqual({
    items: ['e', 'd', 'c', 'b', 'a'],
    hasMore: false,
    loadingMore: false,
    moreError: null,
  });

  // At the end there is nothing to ask for.
  await act(() => hook.result.current.loadMore());
  expect(load.mock.calls).toEqual([[null], ['c2'], ['c3']]);
});

test('a loadMore while the next page is on its way asks the server once and shares the answer', async () => {
  const second = deferred<Page>();
  const load = jest.fn((cursor: string | null) =>
    cursor === null ? Promise.resolve(page(['b'], 'c2')) : second.promise,
  );
  const hook = await open(load);

  let first: Promise<ApiError | null> = Promise.resolve(null);
  let sameTurn: Promise<ApiError | null> = Promise.resolve(null);
  act(() => {
    first = hook.result.current.loadMore();
    sameTurn = hook.result.current.loadMore();
  });
  expect(listOf(hook).loadingMore).toBe(true);
  // A second tap after the re-render, with the spinner already showing.
  const nextRender = hook.result.current.loadMore();
  expect(sameTurn).toBe(first);
  expect(nextRender).toBe(first);
  expect(load).toHaveBeenCalledTimes(2);

  await act(async () => {
    second.resolve(page(['a'], null));
    await first;
  });
  expect(listOf(hook)).toEqual({ items: ['b', 'a'], hasMore: false, loadingMore: false, moreError: null });
  expect(load.mock.calls).toEqual([[null], ['c2']]);
});

test('a failed next page keeps the first page with the reason; loadMore asks for the same page again', async () => {
  let reachable = false;
  const load = jest.fn((cursor: string | null) => {
    if (cursor === null) return Promise.resolve(page(['d', 'c'], 'c2'));
    return reachable ? Promise.resolve(page(['b', 'a'], null)) : offline();
  });
  const hook = await open(load);

  const error = await act(() => hook.result.current.loadMore());
  expect(error?.code).toBe(ErrorCode.NetworkError);
  expect(hook.result.current.state).toEqual({
    status: 'success',
    data: { items: ['d', 'c'], hasMore: true, loadingMore: false, moreError: error },
  });

  reachable = true;
  await act(() => hook.result.current.loadMore());
  expect(listOf(hook)).toEqual({
    items: ['d', 'c', 'b', 'a'],
    hasMore: false,
    loadingMore: false,
    moreError: null,
  });
  expect(load.mock.calls).toEqual([[null], ['c2'], ['c2']]);
});

test('a failed first page is the error state; reload shows loading and starts over', async () => {
  const load = jest.fn(offline);
  const hook = await open(load);
  expect(hook.result.current.state).toMatchObject({
    status: 'error',
    error: { code: ErrorCode.NetworkError },
  });
  // Nothing to page through.
  await act(() => hook.result.current.loadMore());
  expect(load).toHaveBeenCalledTimes(1);

  const answer = deferred<Page>();
  load.mockReturnValueOnce(answer.promise);
  let reloading: Promise<void> = Promise.resolve();
  act(() => {
    reloading = hook.result.current.reload();
  });
  expect(hook.result.current.state).toEqual({ status: 'loading' });
  await act(async () => {
    answer.resolve(page(['a'], null));
    await reloading;
  });
  expect(listOf(hook)).toEqual({ items: ['a'], hasMore: false, loadingMore: false, moreError: null });
  expect(load.mock.calls).toEqual([[null], [null]]);
});

test('refresh starts the list over from a fresh first page; a failed refresh keeps the list', async () => {
  const load = jest.fn((cursor: string | null) =>
    Promise.resolve(cursor === null ? page(['c', 'b'], 'b') : page(['a'], null)),
  );
  const hook = await open(load);
  await act(() => hook.result.current.loadMore());
  expect(listOf(hook).items).toEqual(['c', 'b', 'a']);

  // Something happened meanwhile: the first page is newer, and the cursor with it.
  load.mockReturnValueOnce(Promise.resolve(page(['e', 'd'], 'd')));
  expect(await act(() => hook.result.current.refresh())).toBeNull();
  expect(listOf(hook)).toEqual({ items: ['e', 'd'], hasMore: true, loadingMore: false, moreError: null });
  await act(() => hook.result.current.loadMore());
  expect(load.mock.lastCall).toEqual(['d']);

  load.mockImplementationOnce(offline);
  const error = await act(() => hook.result.current.refresh());
  expect(error?.code).toBe(ErrorCode.NetworkError);
  expect(listOf(hook).items).toEqual(['e', 'd', 'a']);
});

test('a next page of a list that was refreshed meanwhile is dropped, and loadMore pages the new list', async () => {
  const stale = deferred<Page>();
  const load = jest.fn((cursor: string | null) =>
    cursor === null ? Promise.resolve(page(['b'], 'b')) : Promise.resolve(page(['a'], null)),
  );
  const hook = await open(load);

  load.mockReturnValueOnce(stale.promise);
  let old: Promise<ApiError | null> = Promise.resolve(null);
  act(() => {
    old = hook.result.current.loadMore();
  });
  load.mockReturnValueOnce(Promise.resolve(page(['c', 'b'], 'b')));
  await act(() => hook.result.current.refresh());
  await act(async () => {
    stale.resolve(page(['x'], null));
    await old;
  });
  expect(listOf(hook)).toEqual({ items: ['c', 'b'], hasMore: true, loadingMore: false, moreError: null });

  await act(() => hook.result.current.loadMore());
  expect(listOf(hook).items).toEqual(['c', 'b', 'a']);
  expect(load.mock.calls).toEqual([[null], ['b'], [null], ['b']]);
});
