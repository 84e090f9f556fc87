import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  type ArrearsListResponse,
  type LevelRequest,
  type LevelRequestListResponse,
  type LevelRequestPage,
  type PresidentSeat,
  type UnitArrears,
  type UnitRemoval,
  type UnitStanding,
  arrearsQuerySchema,
  levelRequestCreateSchema,
  levelRequestDecisionSchema,
  levelRequestIdParamSchema,
  levelRequestQuerySchema,
  noQuerySchema,
  unitIdParamSchema,
  unitRemovalRequestSchema,
} from '@itss/shared';
import type { z } from 'zod';
import { StaffOnly } from '../../common/access.decorators';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { ArrearsService } from './arrears.service';
import {
  type LevelRequestCreateParsed,
  type LevelRequestDecisionParsed,
  type LevelRequestQueryParsed,
  LevelRequestsService,
} from './level-requests.service';
import { RemovalService, type UnitRemovalParsed } from './removal.service';
import { StandingService } from './standing.service';

type UnitParam = z.output<typeof unitIdParamSchema>;
type RequestParam = z.output<typeof levelRequestIdParamSchema>;

/** A unit's standing, its level requests, its arrears and removal, under the unit's path. */
@Controller('units')
export class UnitStandingController {
  constructor(
    private readonly standing: StandingService,
    private readonly requests: LevelRequestsService,
    private readonly arrears: ArrearsService,
    private readonly removal: RemovalService,
  ) {}

  @Get(':id/standing')
  standingOf(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: unitIdParamSchema }) params: UnitParam,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<UnitStanding> {
    return this.standing.ofUnit(ctx, params.id);
  }

  @Get(':id/level-requests')
  levelRequests(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: unitIdParamSchema }) params: UnitParam,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<LevelRequestListResponse> {
    return this.requests.listOfUnit(ctx, params.id);
  }

  @Post(':id/level-requests')
  @HttpCode(201)
  requestLevel(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: unitIdParamSchema }) params: UnitParam,
    @Body({ schema: levelRequestCreateSchema }) body: LevelRequestCreateParsed,
  ): Promise<LevelRequest> {
    return this.requests.create(ctx, params.id, body);
  }

  @Get(':id/arrears')
  @StaffOnly()
  arrearsOf(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: unitIdParamSchema }) params: UnitParam,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<UnitArrears> {
    return this.arrears.ofUnit(ctx, params.id);
  }

  @Post(':id/removal')
  @StaffOnly()
  @HttpCode(201)
  remove(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: unitIdParamSchema }) params: UnitParam,
    @Body({ schema: unitRemovalRequestSchema }) body: UnitRemovalParsed,
  ): Promise<UnitRemoval> {
    return this.removal.remove(ctx, params.id, body);
  }
}

/** Staff's level requests across units, and the unit's withdrawal of its own. */
@Controller('level-requests')
export class LevelRequestsController {
  constructor(private readonly requests: LevelRequestsService) {}

  @Get()
  @StaffOnly()
  list(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: levelRequestQuerySchema }) query: LevelRequestQueryParsed,
  ): Promise<LevelRequestPage> {
    return this.requests.list(ctx, query);
  }

  @Post(':id/decisions')
  @StaffOnly()
  @HttpCode(200)
  decide(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: levelRequestIdParamSchema }) params: RequestParam,
    @Body({ schema: levelRequestDecisionSchema }) body: LevelRequestDecisionParsed,
  ): Promise<LevelRequest> {
    return this.requests.decide(ctx, params.id, body);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  withdraw(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: levelRequestIdParamSchema }) params: RequestParam,
  ): Promise<LevelRequest> {
    return this.requests.withdraw(ctx, params.id);
  }
}

/** Staff: the arrears list (under dues) and the president seat. */
@Controller()
export class StandingStaffController {
  constructor(
    private readonly arrears: ArrearsService,
    private readonly standing: StandingService,
  ) {}

  @Get('dues/arrears')
  @StaffOnly()
  arrearsList(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: arrearsQuerySchema }) query: z.output<typeof arrearsQuerySchema>,
  ): Promise<ArrearsListResponse> {
    return this.arrears.list(ctx, query.proposed === undefined ? undefined : query.proposed === 'true');
  }

  @Get('president-seat')
  @StaffOnly()
  presidentSeat(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<PresidentSeat> {
    return this.standing.presidentSeat(ctx);
  }
}
