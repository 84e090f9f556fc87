import { ErrorCode, errorMessage, servicesResponseSchema } from '@itss/shared';
import { request as taroRequest } from '@test/taro-mock';
import { ApiError, request, toApiError } from './http';

function answer(statusCode: number, data: unknown): void {
  taroRequest.mockResolvedValueOnce({ statusCode, data });
}

async function failureOf(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw new Error(`expected an ApiError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the request to fail');
}

beforeEach(() => taroRequest.mockReset());

test('calls the API base with JSON and returns the body the schema accepts', async () => {
  answer(200, { items: [{ order: 1, text: '服务' }] });
  await expect(request({ path: '/api/services', schema: servicesResponseSchema })).resolves.toEqual({
    items: [{ order: 1, text: '服务' }],
  });
  expect(taroRequest).toHaveBeenCalledWith(
    expect.objectContaining({ url: 'https://api.test/api/services', method: 'GET', dataType: 'json' }),
  );
});

test('no answer at all becomes NETWORK_ERROR with its Chinese message', async () => {
  taroRequest.mockRejectedValueOnce({ errMsg: 'request:fail timeout' });
  const error = await failureOf(request({ path: '/api/services' }));
  expect(error.code).toBe(ErrorCode.NetworkError);
  expect(error.message).toBe(errorMessage(ErrorCode.NetworkError));
});

test("the server's error body is kept: code, message and details", async () => {
  const details = [{ path: 'name', message: '不能为空' }];
  answer(422, { code: ErrorCode.ValidationFailed, message: '单位名称不能为空', details });
  const error = await failureOf(request({ path: '/api/services' }));
  expect(error).toMatchObject({ code: ErrorCode.ValidationFailed, message: '单位名称不能为空', details });
});

test.each([
  [404, ErrorCode.NotFound],
  [429, ErrorCode.RateLimited],
  [502, ErrorCode.ServiceUnavailable],
  [500, ErrorCode.Internal],
  [418, ErrorCode.Internal],
])('a %i without the contract body maps to %s with the default message', async (status, code) => {
  answer(status, '<html>Bad Gateway</html>');
  const error = await failureOf(request({ path: '/api/services' }));
  expect(error.code).toBe(code);
  expect(error.message).toBe(errorMessage(code));
});

test('a 2xx body that breaks the contract is not trusted', async () => {
  answer(200, { items: [{ order: 'first' }] });
  const error = await failureOf(request({ path: '/api/services', schema: servicesResponseSchema }));
  expect(error.code).toBe(ErrorCode.Internal);
});

test('toApiError turns anything thrown into an ApiError', () => {
  const known = new ApiError({ code: ErrorCode.Forbidden, message: '无权限' });
  expect(toApiError(known)).toBe(known);
  expect(toApiError(new TypeError('x is undefined'))).toMatchObject({ code: ErrorCode.Internal });
});

test('a POST or DELETE without data still sends a JSON body, never an empty one', async () => {
  answer(204, '');
  await expect(request({ path: '/api/auth/logout', method: 'POST' })).resolves.toBeUndefined();
  answer(204, '');
  await request({ path: '/api/staff/7', method: 'DELETE' });
  expect(taroRequest.mock.calls.map(([options]) => options.data)).toEqual([{}, {}]);
});

test('the query option becomes the query string, empty values left out and values encoded', async () => {
  answer(200, {});
  await request({ path: '/api/units', query: { q: '云 栈', level: undefined, cursor: null, limit: 20 } });
  expect(taroRequest).toHaveBeenCalledWith(
    expect.objectContaining({ url: 'https://api.test/api/units?q=%E4%BA%91%20%E6%A0%88&limit=20' }),
  );
});
