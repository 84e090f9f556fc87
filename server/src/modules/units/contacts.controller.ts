import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  type Invite,
  type JoinRequest,
  type JoinRequestList,
  type SeatLimits,
  type Unit,
  contactParamSchema,
  handOverRequestSchema,
  joinRequestBodySchema,
  joinRequestDecisionSchema,
  joinRequestListQuerySchema,
  joinRequestParamSchema,
  noQuerySchema,
  seatLimitsSchema,
  unitIdParamSchema,
} from '@itss/shared';
import type { z } from 'zod';
import { StaffOnly } from '../../common/access.decorators';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { ContactsService } from './contacts.service';
import { InvitesService } from './invites.service';
import { JoinRequestsService } from './join-requests.service';
import { SeatLimitsService } from './seat-limits.service';

type UnitIdParam = z.output<typeof unitIdParamSchema>;

/** The people of one unit: seats, invites, join requests, removal and hand-over. */
@Controller('units')
export class ContactsController {
  constructor(
    private readonly contacts: ContactsService,
    private readonly invites: InvitesService,
    private readonly joinRequests: JoinRequestsService,
    private readonly seatLimits: SeatLimitsService,
  ) {}

  @Get('seat-limits')
  @StaffOnly()
  getSeatLimits(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<SeatLimits> {
    return this.seatLimits.get(ctx);
  }

  @Put('seat-limits')
  @StaffOnly()
  setSeatLimits(
    @Ctx() ctx: SignedInContext,
    @Body({ schema: seatLimitsSchema }) body: z.output<typeof seatLimitsSchema>,
  ): Promise<SeatLimits> {
    return this.seatLimits.set(ctx, body);
  }

  @Post(':id/invites')
  @HttpCode(201)
  invite(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: unitIdParamSchema }) params: UnitIdParam,
  ): Promise<Invite> {
    return this.invites.createInvite(ctx, params.id);
  }

  @Post(':id/join-requests')
  @HttpCode(201)
  requestToJoin(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: unitIdParamSchema }) params: UnitIdParam,
    @Body({ schema: joinRequestBodySchema }) body: z.output<typeof joinRequestBodySchema>,
  ): Promise<JoinRequest> {
    return this.joinRequests.requestToJoin(ctx, params.id, body);
  }

  @Get(':id/join-requests')
  listJoinRequests(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: unitIdParamSchema }) params: UnitIdParam,
    @Query({ schema: joinRequestListQuerySchema }) query: z.output<typeof joinRequestListQuerySchema>,
  ): Promise<JoinRequestList> {
    return this.joinRequests.listJoinRequests(ctx, params.id, query.state);
  }

  @Post(':id/join-requests/:requestId/decisions')
  @HttpCode(200)
  decide(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: joinRequestParamSchema }) params: z.output<typeof joinRequestParamSchema>,
    @Body({ schema: joinRequestDecisionSchema }) body: z.output<typeof joinRequestDecisionSchema>,
  ): Promise<JoinRequest> {
    return this.joinRequests.decideJoinRequest(ctx, params.id, params.requestId, body.decision);
  }

  @Delete(':id/contacts/:userId')
  @HttpCode(204)
  async remove(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: contactParamSchema }) params: z.output<typeof contactParamSchema>,
  ): Promise<void> {
    await this.contacts.removeContact(ctx, params.id, params.userId);
  }

  @Post(':id/primary-contact')
  @HttpCode(200)
  handOver(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: unitIdParamSchema }) params: UnitIdParam,
    @Body({ schema: handOverRequestSchema }) body: z.output<typeof handOverRequestSchema>,
  ): Promise<Unit> {
    return this.contacts.handOver(ctx, params.id, body.userId);
  }
}
