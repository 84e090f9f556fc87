import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  type Campaign,
  type CampaignListResponse,
  campaignIdParamSchema,
  createCampaignRequestSchema,
  noQuerySchema,
  recordScanRequestSchema,
} from '@itss/shared';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { Public, StaffOnly } from '../../common/access.decorators';
import { Ctx, type RequestContext, type SignedInContext } from '../../common/request-context';
import { CampaignsService } from './campaigns.service';

@Controller('campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @StaffOnly()
  @Get()
  list(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<CampaignListResponse> {
    return this.campaigns.list(ctx);
  }

  @StaffOnly()
  @Post()
  create(
    @Ctx() ctx: SignedInContext,
    @Body({ schema: createCampaignRequestSchema }) body: z.output<typeof createCampaignRequestSchema>,
  ): Promise<Campaign> {
    return this.campaigns.create(ctx, body.name);
  }

  /** Reported by the app on a launch with a scene, before anyone logs in. */
  @Public()
  @Post('scans')
  @HttpCode(204)
  recordScan(
    @Ctx() ctx: RequestContext,
    @Body({ schema: recordScanRequestSchema }) body: z.output<typeof recordScanRequestSchema>,
  ): Promise<void> {
    return this.campaigns.recordScan(ctx, body.scene);
  }

  @StaffOnly()
  @Get(':id/code.png')
  async code(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: campaignIdParamSchema }) params: z.output<typeof campaignIdParamSchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const image = await this.campaigns.code(ctx, params.id);
    void reply.header('content-type', image.contentType);
    return image.bytes;
  }
}
