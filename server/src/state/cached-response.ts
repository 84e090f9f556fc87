import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  SetMetadata,
  UseInterceptors,
  applyDecorators,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Observable, from, lastValueFrom, map } from 'rxjs';
import { IS_PUBLIC } from '../common/access.decorators';
import { ResponseCache } from './response-cache';

const CACHED_RESPONSE = 'itss:cached-response';
/** The bound on staleness when an invalidation is missed; edits invalidate at once. */
export const DEFAULT_RESPONSE_TTL_MS = 60_000;

interface CachedResponseOptions {
  key: string;
  ttlMs: number;
}

/**
 * Serves a public GET from the ResponseCache under `key` (`<feature>:<what>`); the feature's code
 * that changes the data calls `ResponseCache.invalidate('<feature>:')`. Only for @Public() routes
 * whose answer is the same for every caller: the cache never sees who asks.
 *
 * A hit skips the route's pipes, so the query string is part of the key: a query that failed
 * validation was never stored, and one that passed is served what it was served before.
 */
export function CachedResponse(key: string, ttlMs = DEFAULT_RESPONSE_TTL_MS): MethodDecorator {
  return applyDecorators(
    SetMetadata(CACHED_RESPONSE, { key, ttlMs } satisfies CachedResponseOptions),
    UseInterceptors(ResponseCacheInterceptor),
  );
}

@Injectable()
export class ResponseCacheInterceptor implements NestInterceptor {
  constructor(
    private readonly cache: ResponseCache,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.get<CachedResponseOptions | undefined>(
      CACHED_RESPONSE,
      context.getHandler(),
    );
    if (!options) return next.handle();
    if (!this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) {
      // A per-caller answer in a shared cache would leak it to the next caller: refuse loudly.
      throw new Error(`@CachedResponse('${options.key}') is only for @Public() routes`);
    }
    const http = context.switchToHttp();
    const url = http.getRequest<FastifyRequest>().url;
    const query = url.indexOf('?');
    const key = query < 0 ? options.key : options.key + url.slice(query);
    const reply = http.getResponse<FastifyReply>();
    return from(this.cache.getOrLoadJson(key, options.ttlMs, () => lastValueFrom(next.handle()))).pipe(
      map((json) => {
        // Fastify sends a string under a JSON content type as it is, without serialising it again.
        void reply.type('application/json; charset=utf-8');
        return json;
      }),
    );
  }
}
