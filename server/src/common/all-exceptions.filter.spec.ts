import { Logger, NotFoundException } from '@nestjs/common';
import { ErrorCode, defineErrorMessages } from '@itss/shared';
import { QueryFailedError } from 'typeorm';
import { AppError } from './app-error';
import { toErrorResponse } from './all-exceptions.filter';

describe('toErrorResponse', () => {
  const logger = new Logger('test');
  const logged = jest.spyOn(logger, 'error');
  beforeEach(() => logged.mockReset().mockImplementation(() => undefined));

  it('keeps an AppError code, declared message and details', () => {
    const { NameMissing } = defineErrorMessages({
      NameMissing: { code: ErrorCode.ValidationFailed, message: '请填写单位名称' },
    });
    const error = new AppError(NameMissing, [{ path: 'name', message: '必填' }]);
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

  it('answers 409 CONFLICT, not 500, to a deadlock or duplicate key left to the filter', () => {
    const warned = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const deadlock = new QueryFailedError(
      'UPDATE …',
      [],
      Object.assign(new Error('Deadlock found when trying to get lock; try restarting transaction'), {
        errno: 1213,
        code: 'ER_LOCK_DEADLOCK',
      }),
    );
    const duplicate = Object.assign(new Error('UNIQUE constraint failed: users.openid'), {
      code: 'SQLITE_CONSTRAINT_UNIQUE',
    });
    for (const error of [deadlock, duplicate]) {
      expect(toErrorResponse(error, logger)).toEqual({
        status: 409,
        body: { code: 'CONFLICT', message: '数据已被修改，请刷新后重试' },
      });
    }
    expect(warned).toHaveBeenCalledTimes(2);
    expect(logged).not.toHaveBeenCalled();
    const other = Object.assign(new Error('no such table'), { code: 'SQLITE_ERROR', errno: 1146 });
    expect(toErrorResponse(other, logger).status).toBe(500);
  });
});
