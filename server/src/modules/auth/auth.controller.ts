import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { type LoginResponse, wechatLoginRequestSchema } from '@itss/shared';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { Public } from '../../common/public.decorator';
import { Ctx, type RequestContext, Roles, contextOf } from '../../common/request-context';
import { CLOUD_OPENID_HEADER } from './auth.guard';
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
    const ctx = contextOf(request);
    const openid = request.headers[CLOUD_OPENID_HEADER];
    if (this.auth.cloudHosting && typeof openid === 'string' && openid) {
      return this.auth.loginWithTrustedOpenid(ctx, openid);
    }
    return this.auth.loginWithCode(ctx, body.code);
  }

  @Roles()
  @Post('logout')
  @HttpCode(204)
  logout(@Ctx() ctx: RequestContext): Promise<void> {
    return this.auth.logout(ctx);
  }
}
