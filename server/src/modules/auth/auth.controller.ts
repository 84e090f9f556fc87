import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { type LoginResponse, wechatLoginRequestSchema } from '@itss/shared';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { Public } from '../../common/access.decorators';
import { Ctx, type RequestContext, contextOf } from '../../common/request-context';
import { AuthService } from './auth.service';

@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('wechat')
  @HttpCode(200)
  login(
    @Req() request: FastifyRequest,
    @Body({ schema: wechatLoginRequestSchema }) body: z.output<typeof wechatLoginRequestSchema>,
  ): Promise<LoginResponse> {
    const openid = this.auth.trustedOpenid(request);
    const userAgent = request.headers['user-agent'];
    return openid
      ? this.auth.loginWithTrustedOpenid(contextOf(request), openid, userAgent)
      : this.auth.loginWithCode(contextOf(request), body.code, userAgent);
  }

  @Post('logout')
  @HttpCode(204)
  logout(@Ctx() ctx: RequestContext): Promise<void> {
    return this.auth.logout(ctx);
  }
}
