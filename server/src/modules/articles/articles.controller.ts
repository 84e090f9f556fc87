import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  type ArticleDetail,
  type ArticleDraftResponse,
  articleDraftSchema,
  type ArticleManageListResponse,
  type ArticleUploadResponse,
  articleFileParamSchema,
  articleFileQuerySchema,
  articleIdParamSchema,
  articleListQuerySchema,
  articleManageQuerySchema,
  createArticleRequestSchema,
  noQuerySchema,
  updateArticleRequestSchema,
} from '@itss/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { Public, SessionOptional, StaffOnly } from '../../common/access.decorators';
import { Ctx, type RequestContext, type SignedInContext } from '../../common/request-context';
import { contentDisposition } from '../files/files.controller';
import { readUpload } from '../files/upload-reader';
import { ArticleFiles } from './article-files';
import { ArticleFeedService } from './article-feed.service';
import { ArticleStaffService } from './article-staff.service';

type IdParam = z.output<typeof articleIdParamSchema>;

@Controller('articles')
export class ArticlesController {
  constructor(
    private readonly feed: ArticleFeedService,
    private readonly staffSide: ArticleStaffService,
    private readonly files: ArticleFiles,
  ) {}

  /** An ArticleListResponse, sent as the JSON text the feed made (often straight from its cache). */
  @Get()
  @SessionOptional()
  async list(
    @Ctx() ctx: RequestContext,
    @Query({ schema: articleListQuerySchema }) query: z.output<typeof articleListQuerySchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const json = await this.feed.list(ctx, query);
    // Fastify sends a string under a JSON content type as it is, without serialising it again.
    void reply.type('application/json; charset=utf-8');
    return json;
  }

  @Get('manage')
  @StaffOnly()
  manage(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: articleManageQuerySchema }) query: z.output<typeof articleManageQuerySchema>,
  ): Promise<ArticleManageListResponse> {
    return this.staffSide.manage(ctx, query);
  }

  @Post()
  @HttpCode(201)
  @StaffOnly()
  create(
    @Ctx() ctx: SignedInContext,
    @Body({ schema: createArticleRequestSchema }) body: z.output<typeof createArticleRequestSchema>,
  ): Promise<ArticleDetail> {
    return this.staffSide.create(ctx, body);
  }

  /** The caller's own new article, not yet saved. */
  @Get('draft')
  @StaffOnly()
  getNewDraft(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<ArticleDraftResponse> {
    return this.staffSide.getDraft(ctx, null);
  }

  @Put('draft')
  @StaffOnly()
  saveNewDraft(
    @Ctx() ctx: SignedInContext,
    @Body({ schema: articleDraftSchema }) draft: z.output<typeof articleDraftSchema>,
  ): Promise<ArticleDraftResponse> {
    return this.staffSide.saveDraft(ctx, null, draft);
  }

  /** The caller's own unsaved edits of this article. */
  @Get(':id/draft')
  @StaffOnly()
  getDraft(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: articleIdParamSchema }) params: IdParam,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<ArticleDraftResponse> {
    return this.staffSide.getDraft(ctx, params.id);
  }

  @Put(':id/draft')
  @StaffOnly()
  saveDraft(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: articleIdParamSchema }) params: IdParam,
    @Body({ schema: articleDraftSchema }) draft: z.output<typeof articleDraftSchema>,
  ): Promise<ArticleDraftResponse> {
    return this.staffSide.saveDraft(ctx, params.id, draft);
  }

  /** Multipart, the JPG or PNG in the field `file`: staff, and contacts for their submissions. */
  @Post('images')
  @HttpCode(201)
  uploadImage(@Ctx() ctx: SignedInContext, @Req() request: FastifyRequest): Promise<ArticleUploadResponse> {
    return this.files.uploadImage(ctx, (limit) => readUpload(request, limit));
  }

  /** Multipart, the PDF in the field `file`. */
  @Post('attachments')
  @HttpCode(201)
  @StaffOnly()
  uploadAttachment(
    @Ctx() ctx: SignedInContext,
    @Req() request: FastifyRequest,
  ): Promise<ArticleUploadResponse> {
    return this.files.uploadAttachment(ctx, (limit) => readUpload(request, limit));
  }

  @Get('files/:fileId')
  @SessionOptional()
  async file(
    @Ctx() ctx: RequestContext,
    @Param({ schema: articleFileParamSchema }) params: z.output<typeof articleFileParamSchema>,
    @Query({ schema: articleFileQuerySchema }) query: z.output<typeof articleFileQuerySchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const served = await this.files.open(ctx, params.fileId, query.check);
    void reply.header('cache-control', served.cacheControl);
    return new StreamableFile(served.bytes, {
      type: served.file.contentType,
      length: served.file.size,
      disposition: contentDisposition(served.file.name),
    });
  }

  @Get(':id')
  @SessionOptional()
  detail(
    @Ctx() ctx: RequestContext,
    @Param({ schema: articleIdParamSchema }) params: IdParam,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<ArticleDetail> {
    return this.feed.detail(ctx, params.id);
  }

  @Patch(':id')
  @StaffOnly()
  update(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: articleIdParamSchema }) params: IdParam,
    @Body({ schema: updateArticleRequestSchema }) body: z.output<typeof updateArticleRequestSchema>,
  ): Promise<ArticleDetail> {
    return this.staffSide.update(ctx, params.id, body);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @StaffOnly()
  publish(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: articleIdParamSchema }) params: IdParam,
  ): Promise<ArticleDetail> {
    return this.staffSide.changeState(ctx, params.id, 'published');
  }

  @Post(':id/unpublish')
  @HttpCode(200)
  @StaffOnly()
  unpublish(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: articleIdParamSchema }) params: IdParam,
  ): Promise<ArticleDetail> {
    return this.staffSide.changeState(ctx, params.id, 'unpublished');
  }

  @Post(':id/archive')
  @HttpCode(200)
  @StaffOnly()
  archive(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: articleIdParamSchema }) params: IdParam,
  ): Promise<ArticleDetail> {
    return this.staffSide.changeState(ctx, params.id, 'archived');
  }

  /** One more read; anyone, signed in or not, while the article is published. */
  @Post(':id/reads')
  @HttpCode(204)
  @Public()
  async read(@Param({ schema: articleIdParamSchema }) params: IdParam): Promise<void> {
    await this.feed.countRead(params.id);
  }
}
