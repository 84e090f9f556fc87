import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Keep the JSON body's text as it arrived, for a signature over it. */
    rawBody?: boolean;
  }
  interface FastifyRequest {
    rawBodyText?: string;
  }
}

/**
 * Marks a route whose JSON body must also be kept as the exact text that arrived (WeChat Pay signs
 * the bytes it sent, which a re-serialised object would not reproduce). Only these routes keep it.
 */
export const KeepRawBody = (): MethodDecorator => RouteConfig({ rawBody: true });

/** The JSON parser's hook: keeps the text for routes marked with `KeepRawBody`. */
export function keepRawBody(request: FastifyRequest, text: string): void {
  if (request.routeOptions.config.rawBody === true) request.rawBodyText = text;
}

/** The body's text in a `KeepRawBody` route's handler ('' when none arrived). */
export const RawBodyText = createParamDecorator(
  (_data: unknown, host: ExecutionContext) =>
    host.switchToHttp().getRequest<FastifyRequest>().rawBodyText ?? '',
);
