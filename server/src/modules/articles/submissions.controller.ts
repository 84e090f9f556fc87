import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  type ArticleDraftResponse,
  articleDraftSchema,
  type CreateSubmissionResponse,
  type Submission,
  type SubmissionListResponse,
  createSubmissionRequestSchema,
  noQuerySchema,
  submissionDecisionRequestSchema,
  submissionIdParamSchema,
  submissionListQuerySchema,
} from '@itss/shared';
import type { z } from 'zod';
import { StaffOnly } from '../../common/access.decorators';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { SubmissionsService } from './submissions.service';

type IdParam = z.output<typeof submissionIdParamSchema>;

@Controller('submissions')
export class SubmissionsController {
  constructor(private readonly submissions: SubmissionsService) {}

  @Post()
  @HttpCode(201)
  create(
    @Ctx() ctx: SignedInContext,
    @Body({ schema: createSubmissionRequestSchema }) body: z.output<typeof createSubmissionRequestSchema>,
  ): Promise<CreateSubmissionResponse> {
    return this.submissions.create(ctx, body);
  }

  /** The caller's own unsent submission: contacts of active member units. */
  @Get('draft')
  getDraft(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<ArticleDraftResponse> {
    return this.submissions.getDraft(ctx);
  }

  @Put('draft')
  saveDraft(
    @Ctx() ctx: SignedInContext,
    @Body({ schema: articleDraftSchema }) draft: z.output<typeof articleDraftSchema>,
  ): Promise<ArticleDraftResponse> {
    return this.submissions.saveDraft(ctx, draft);
  }

  @Get()
  list(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: submissionListQuerySchema }) query: z.output<typeof submissionListQuerySchema>,
  ): Promise<SubmissionListResponse> {
    return this.submissions.list(ctx, query);
  }

  @Get(':id')
  get(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: submissionIdParamSchema }) params: IdParam,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<Submission> {
    return this.submissions.get(ctx, params.id);
  }

  @Post(':id/decisions')
  @HttpCode(200)
  @StaffOnly()
  decide(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: submissionIdParamSchema }) params: IdParam,
    @Body({ schema: submissionDecisionRequestSchema }) body: z.output<typeof submissionDecisionRequestSchema>,
  ): Promise<Submission> {
    return this.submissions.decide(ctx, params.id, body);
  }
}
