import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ErrorCode, type ErrorBody, errorMessage } from '@itss/shared';
import type { FastifyReply } from 'fastify';
import { conflictOf } from '../database/conflicts';
import { AppError, errorCodeForStatus } from './app-error';

/** Fastify's own errors (body parsing, size limits) carry a status but are not HttpExceptions. */
function fastifyStatus(exception: unknown): number | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const status = (exception as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
}

export function toErrorResponse(exception: unknown, logger: Logger): { status: number; body: ErrorBody } {
  if (exception instanceof AppError) {
    const body: ErrorBody = { code: exception.code, message: exception.message };
    if (exception.details) body.details = exception.details;
    return { status: exception.status, body };
  }
  const status = exception instanceof HttpException ? exception.getStatus() : fastifyStatus(exception);
  if (status !== undefined && status < 500) {
    const code = errorCodeForStatus(status);
    return { status, body: { code, message: errorMessage(code) } };
  }
  const conflict = conflictOf(exception);
  if (conflict) {
    // Concurrent requests collided outside a unit that reruns (see RetryOnConflict): the client may
    // simply try again, so this is not our 500; the log still says where.
    logger.warn(`Concurrent write refused (${conflict}): ${(exception as Error).message}`);
    return { status: 409, body: { code: ErrorCode.Conflict, message: errorMessage(ErrorCode.Conflict) } };
  }
  // Anything else is our fault: log it whole here, tell the client nothing about it.
  logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  const code = status === 503 ? ErrorCode.ServiceUnavailable : ErrorCode.Internal;
  return { status: status === 503 ? 503 : 500, body: { code, message: errorMessage(code) } };
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Error');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body } = toErrorResponse(exception, this.logger);
    void reply.status(status).header('cache-control', 'no-store').send(body);
  }
}
