import { Logger, NotFoundException } from '@nestjs/common';
import { ErrorCode } from '@itss/shared';
import { AppError } from './app-error';
import { toErrorResponse } from './all-exceptions.filter';

describe('toErrorResponse', () => {
  const logger = new Logger('test');
  const logged = jest.spyOn(logger, 'error');
  beforeEach(() => logged.mockReset().mockImplementation(() => undefined));

  it('keeps an AppError code, message and details', () => {
    const error = new AppError(ErrorCode.ValidationFailed, '请填写单位名称', [
      { path: 'name', message: '必填' },
    ]);
    expect(toErrorResponse(error, logger)).toEqual({
      status: 400,
      body: {
        code: 'VALIDATION_FAILED',
        message: '请填写单位名称',
        details: [{ path: 'name', message: '必填' }],
      },
    });
  });

  it('maps Nest HTTP exceptions by status, with the Chinese message', () => {
    expect(toErrorResponse(new NotFoundException('Cannot GET /x'), logger)).toEqual({
      status: 404,
      body: { code: 'NOT_FOUND', message: '您访问的内容不存在' },
    });
  });

  it('turns an unexpected error into a 500 that carries no stack or internal message', () => {
    const error = new Error('SQLITE_CORRUPT at /srv/secret/path.sqlite');
    const { status, body } = toErrorResponse(error, logger);
    expect(status).toBe(500);
    expect(body).toEqual({
      code: 'INTERNAL_ERROR',
      message: expect.stringMatching(/系统出现异常/) as unknown,
    });
    expect(JSON.stringify(body)).not.toMatch(/secret|SQLITE|at /);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('SQLITE_CORRUPT'));
  });
});
