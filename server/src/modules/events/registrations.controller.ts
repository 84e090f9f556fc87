import { Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import {
  type Registration,
  type RegistrationConfirmResult,
  type RegistrationList,
  noQuerySchema,
  registrationIdParamSchema,
} from '@itss/shared';
import type { z } from 'zod';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { type RegistrationCancelResult, RegistrationsService } from './registrations.service';

type RegistrationParam = z.output<typeof registrationIdParamSchema>;

/** A person's registrations and tickets; staff read any. */
@Controller('registrations')
export class RegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Get('mine')
  mine(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<RegistrationList> {
    return this.registrations.mine(ctx);
  }

  @Get(':id')
  get(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: registrationIdParamSchema }) params: RegistrationParam,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<Registration> {
    return this.registrations.get(ctx, params.id);
  }

  @Get(':id/ticket.png')
  async ticket(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: registrationIdParamSchema }) params: RegistrationParam,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<StreamableFile> {
    const bytes = await this.registrations.ticketPng(ctx, params.id);
    return new StreamableFile(bytes, { type: 'image/png', length: bytes.length });
  }

  @Post(':id/confirm')
  @HttpCode(200)
  confirm(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: registrationIdParamSchema }) params: RegistrationParam,
  ): Promise<RegistrationConfirmResult> {
    return this.registrations.confirm(ctx, params.id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: registrationIdParamSchema }) params: RegistrationParam,
  ): Promise<RegistrationCancelResult> {
    return this.registrations.cancel(ctx, params.id);
  }
}
