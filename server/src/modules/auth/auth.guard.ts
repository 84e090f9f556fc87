import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode } from '@itss/shared';
import type { FastifyRequest } from 'fastify';
import { IS_PUBLIC, IS_SESSION_OPTIONAL, IS_STAFF_ONLY } from '../../common/access.decorators';
import { AppError } from '../../common/app-error';
import { type RequestContext, isStaff } from '../../common/request-context';
import { AuthService } from './auth.service';

/**
 * Global, the coarse gate: a session unless @Public() (or @SessionOptional(), where a session is
 * only used when sent), and the staff role for @StaffOnly().
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const optional = this.reflector.getAllAndOverride<boolean>(IS_SESSION_OPTIONAL, targets) ?? false;
    const caller = await this.identify(request, optional);
    request.itssContext = caller;
    if (this.reflector.getAllAndOverride<boolean>(IS_STAFF_ONLY, targets) && !isStaff(caller)) {
      throw new AppError(ErrorCode.Forbidden);
    }
    return true;
  }

  private async identify(request: FastifyRequest, optional: boolean): Promise<RequestContext> {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
    if (token) return this.auth.authenticate(token, request.ip);
    const openid = this.auth.trustedOpenid(request);
    if (openid) return this.auth.authenticateTrustedOpenid(openid, request.ip);
    if (optional) return { user: null, roles: [], sessionId: null, ip: request.ip };
    throw new AppError(ErrorCode.Unauthenticated);
  }
}
