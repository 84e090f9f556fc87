import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
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

declare module 'fastify' {
  interface FastifyRequest {
    itssContext?: RequestContext;
  }
}

export const ROLES_KEY = 'itss:roles';

/** The route needs a session and at least one of these roles (none listed: any signed-in person). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

export function contextOf(request: FastifyRequest): RequestContext {
  return request.itssContext ?? { user: null, roles: [], sessionId: null, ip: request.ip };
}

/** The caller's context in a controller: `@Ctx() ctx: RequestContext`. */
export const Ctx = createParamDecorator((_data: unknown, host: ExecutionContext) =>
  contextOf(host.switchToHttp().getRequest<FastifyRequest>()),
);
