import { StandardSchemaValidationPipe } from '@nestjs/common';
import { ErrorCode } from '@itss/shared';
import { AppError } from './app-error';

function pathOf(path: ReadonlyArray<PropertyKey | { key: PropertyKey }> | undefined): string {
  return (path ?? []).map((segment) => String(typeof segment === 'object' ? segment.key : segment)).join('.');
}

/** Validates every `@Body/@Query/@Param({ schema })` with the shared zod schema; failures keep field paths. */
export function createValidationPipe(): StandardSchemaValidationPipe {
  return new StandardSchemaValidationPipe({
    exceptionFactory: (issues) =>
      new AppError(
        ErrorCode.ValidationFailed,
        issues.map((issue) => ({ path: pathOf(issue.path), message: issue.message })),
      ),
  });
}
