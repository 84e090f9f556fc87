import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { StaffOnly } from '../../common/access.decorators';
import {
  type Application,
  type ApplicationDraftResponse,
  ApplicationError,
  type ApplicationListResponse,
  ErrorCode,
  IDEMPOTENCY_KEY_HEADER,
  type MyApplicationsResponse,
  applicationBodySchema,
  applicationDraftSchema,
  applicationExportQuerySchema,
  applicationIdParamSchema,
  applicationListQuerySchema,
  decisionRequestSchema,
  idempotencyKeySchema,
  noQuerySchema,
} from '@itss/shared';
import type { z } from 'zod';
import { AppError } from '../../common/app-error';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { ApplicationDraftsService } from './application-drafts.service';
import { ApplicationReviewService } from './application-review.service';
import { ApplicationsService } from './applications.service';

type IdParam = z.output<typeof applicationIdParamSchema>;
type Body = z.output<typeof applicationBodySchema>;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The Idempotency-Key header, checked like any other input. */
function idempotencyKeyOf(header: string | undefined): string {
  if (header === undefined || header === '') throw new AppError(ApplicationError.IdempotencyKeyMissing);
  const parsed = idempotencyKeySchema.safeParse(header);
  if (!parsed.success) {
    throw new AppError(
      ErrorCode.ValidationFailed,
      parsed.error.issues.map(({ message }) => ({ path: 'Idempotency-Key', message })),
    );
  }
  return parsed.data;
}

@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly drafts: ApplicationDraftsService,
    private readonly review: ApplicationReviewService,
  ) {}

  @Get('draft')
  getDraft(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<ApplicationDraftResponse> {
    return this.drafts.getDraft(ctx);
  }

  @Put('draft')
  saveDraft(
    @Ctx() ctx: SignedInContext,
    @Body({ schema: applicationDraftSchema }) draft: z.output<typeof applicationDraftSchema>,
  ): Promise<ApplicationDraftResponse> {
    return this.drafts.saveDraft(ctx, draft);
  }

  @Post()
  @HttpCode(201)
  submit(
    @Ctx() ctx: SignedInContext,
    @Headers(IDEMPOTENCY_KEY_HEADER) key: string | undefined,
    @Body({ schema: applicationBodySchema }) body: Body,
  ): Promise<Application> {
    return this.applications.submit(ctx, idempotencyKeyOf(key), body);
  }

  @Get('mine')
  mine(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<MyApplicationsResponse> {
    return this.applications.mine(ctx);
  }

  @Get('export')
  @StaffOnly()
  async export(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: applicationExportQuerySchema }) query: z.output<typeof applicationExportQuerySchema>,
  ): Promise<StreamableFile> {
    const bytes = await this.review.export(ctx, query);
    return new StreamableFile(bytes, {
      type: XLSX,
      length: bytes.length,
      disposition: `attachment; filename="applications.xlsx"; filename*=UTF-8''${encodeURIComponent('入会申请.xlsx')}`,
    });
  }

  @Get()
  @StaffOnly()
  list(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: applicationListQuerySchema }) query: z.output<typeof applicationListQuerySchema>,
  ): Promise<ApplicationListResponse> {
    return this.review.list(ctx, query);
  }

  @Get(':id')
  get(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: applicationIdParamSchema }) params: IdParam,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<Application> {
    return this.applications.get(ctx, params.id);
  }

  @Put(':id')
  update(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: applicationIdParamSchema }) params: IdParam,
    @Body({ schema: applicationBodySchema }) body: Body,
  ): Promise<Application> {
    return this.applications.update(ctx, params.id, body);
  }

  @Post(':id/resubmit')
  @HttpCode(200)
  resubmit(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: applicationIdParamSchema }) params: IdParam,
  ): Promise<Application> {
    return this.applications.resubmit(ctx, params.id);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  withdraw(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: applicationIdParamSchema }) params: IdParam,
  ): Promise<Application> {
    return this.applications.withdraw(ctx, params.id);
  }

  @Post(':id/decisions')
  @HttpCode(200)
  @StaffOnly()
  decide(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: applicationIdParamSchema }) params: IdParam,
    @Body({ schema: decisionRequestSchema }) body: z.output<typeof decisionRequestSchema>,
  ): Promise<Application> {
    return this.review.decide(ctx, params.id, body.decision, body.reason || null);
  }
}
