import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  type StaffListResponse,
  type StaffMember,
  grantStaffRequestSchema,
  noQuerySchema,
  userIdParamSchema,
} from '@itss/shared';
import type { z } from 'zod';
import { StaffOnly } from '../../common/access.decorators';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { StaffService } from './staff.service';

@Controller('staff')
@StaffOnly()
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  list(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<StaffListResponse> {
    return this.staff.list(ctx);
  }

  @Post()
  @HttpCode(200)
  grant(
    @Ctx() ctx: SignedInContext,
    @Body({ schema: grantStaffRequestSchema }) body: z.output<typeof grantStaffRequestSchema>,
  ): Promise<StaffMember> {
    return this.staff.grant(ctx, { userId: body.userId, key: body.phone }, body.admin);
  }

  @Delete(':userId')
  @HttpCode(204)
  revoke(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: userIdParamSchema }) params: z.output<typeof userIdParamSchema>,
  ): Promise<void> {
    return this.staff.revoke(ctx, { userId: params.userId });
  }
}
