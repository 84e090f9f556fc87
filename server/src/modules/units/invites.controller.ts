import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  type InvitePreview,
  type JoinRequest,
  type JoinRequestList,
  type JoinedUnit,
  acceptInviteRequestSchema,
  inviteTokenParamSchema,
  joinRequestIdParamSchema,
  noQuerySchema,
} from '@itss/shared';
import type { z } from 'zod';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { InvitesService } from './invites.service';
import { JoinRequestsService } from './join-requests.service';

type TokenParam = z.output<typeof inviteTokenParamSchema>;

/** The invitee's side of an invite link. */
@Controller('invites')
export class InvitesController {
  constructor(private readonly invites: InvitesService) {}

  @Get(':token')
  preview(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: inviteTokenParamSchema }) params: TokenParam,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<InvitePreview> {
    return this.invites.previewInvite(ctx, params.token);
  }

  @Post(':token/accept')
  @HttpCode(200)
  accept(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: inviteTokenParamSchema }) params: TokenParam,
    @Body({ schema: acceptInviteRequestSchema }) body: z.output<typeof acceptInviteRequestSchema>,
  ): Promise<JoinedUnit> {
    return this.invites.acceptInvite(ctx, params.token, body);
  }
}

/** The requester's side of join requests. */
@Controller('join-requests')
export class JoinRequestsController {
  constructor(private readonly joinRequests: JoinRequestsService) {}

  @Get('mine')
  mine(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<JoinRequestList> {
    return this.joinRequests.myJoinRequests(ctx);
  }

  @Delete(':id')
  withdraw(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: joinRequestIdParamSchema }) params: z.output<typeof joinRequestIdParamSchema>,
  ): Promise<JoinRequest> {
    return this.joinRequests.withdrawJoinRequest(ctx, params.id);
  }
}
