import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { type Me, bindPhoneRequestSchema, noQuerySchema } from '@itss/shared';
import type { z } from 'zod';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { UsersService } from './users.service';

@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  me(@Ctx() ctx: SignedInContext, @Query({ schema: noQuerySchema }) _query: object): Promise<Me> {
    return this.users.me(ctx);
  }

  @Post('phone')
  @HttpCode(200)
  bindPhone(
    @Ctx() ctx: SignedInContext,
    @Body({ schema: bindPhoneRequestSchema }) body: z.output<typeof bindPhoneRequestSchema>,
  ): Promise<Me> {
    return this.users.bindPhone(ctx, body.code);
  }
}
