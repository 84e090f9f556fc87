import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@itss/shared';
import type { FastifyRequest } from 'fastify';
import type { UserEntity } from '../modules/users/user.entity';

/** Who is calling: set by the AuthGuard, passed first to every service method that needs it. */
export interface RequestContext {
  user: UserEntity | null;
  roles: Role[];
  sessionId: number | null;
  ip: string;
}

export type SignedInContext = RequestContext & { user: UserEntity };

/** The operator at the command line (npm run staff): trusted, and named so in the audit log. */
export const CLI = 'cli';
export type Actor = RequestContext | typeof CLI;
/** The server itself, for work no person asked for now (a scheduled job): named so in the audit log. */
export const SYSTEM = 'system';

declare module 'fastify' {
  interface FastifyRequest {
    itssContext?: RequestContext;
  }
}

export function isStaff(actor: RequestContext): boolean {
  return actor.roles.includes('staff') || actor.roles.includes('admin');
}

export function isAdmin(actor: RequestContext): boolean {
  return actor.roles.includes('admin');
}

export function contextOf(request: FastifyRequest): RequestContext {
  return request.itssContext ?? { user: null, roles: [], sessionId: null, ip: request.ip };
}

/** The caller's context in a controller: `@Ctx() ctx: RequestContext`. */
export const Ctx = createParamDecorator((_data: unknown, host: ExecutionContext) =>
  contextOf(host.switchToHttp().getRequest<FastifyRequest>()),
);
