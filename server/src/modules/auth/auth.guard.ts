import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode, type Role } from '@itss/shared';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../common/app-error';
import { IS_PUBLIC } from '../../common/public.decorator';
import { ROLES_KEY } from '../../common/request-context';
import { AuthService } from './auth.service';

export const CLOUD_OPENID_HEADER = 'x-wx-openid';

/**
 * Global: every route needs a session unless marked @Public(), and the roles of @Roles(). The
 * x-wx-openid header counts only in cloud-hosting mode, where WeChat's gateway sets it; anywhere
 * else a client could forge it, so it is ignored.
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
    request.itssContext = await this.identify(request);
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (required.length > 0 && !required.some((role) => request.itssContext?.roles.includes(role))) {
      throw new AppError(ErrorCode.Forbidden);
    }
    return true;
  }

  private async identify(request: FastifyRequest) {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
    if (token) return this.auth.authenticate(token, request.ip);
    const openid = request.headers[CLOUD_OPENID_HEADER];
    if (this.auth.cloudHosting && typeof openid === 'string' && openid) {
      return this.auth.authenticateTrustedOpenid(openid, request.ip);
    }
    throw new AppError(ErrorCode.Unauthenticated);
  }
}
