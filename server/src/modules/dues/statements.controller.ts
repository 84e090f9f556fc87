import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, StreamableFile } from '@nestjs/common';
import {
  type StatementConfirmResponse,
  type StatementPreview,
  assignStatementLineRequestSchema,
  noQuerySchema,
  statementIdParamSchema,
  statementLineParamSchema,
} from '@itss/shared';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { StaffOnly } from '../../common/access.decorators';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { readUpload } from '../files/upload-reader';
import { StatementPostingService } from './statement-posting.service';
import { StatementsService } from './statements.service';
import { statementTemplate } from './statements.sheet';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Bank statements: the template, the upload and its preview, confirmation, assignment by hand. */
@Controller('dues/statements')
@StaffOnly()
export class StatementsController {
  constructor(
    private readonly statements: StatementsService,
    private readonly posting: StatementPostingService,
  ) {}

  @Get('template')
  async template(@Query({ schema: noQuerySchema }) _query: object): Promise<StreamableFile> {
    const bytes = await statementTemplate();
    return new StreamableFile(bytes, {
      type: XLSX,
      length: bytes.length,
      disposition: `attachment; filename="statement-template.xlsx"; filename*=UTF-8''${encodeURIComponent('银行流水导入模板.xlsx')}`,
    });
  }

  /** Multipart, the .xlsx or .csv in the field `file`: matched and kept as a preview, nothing credited. */
  @Post()
  @HttpCode(200)
  upload(@Ctx() ctx: SignedInContext, @Req() request: FastifyRequest): Promise<StatementPreview> {
    return this.statements.upload(ctx, () => readUpload(request));
  }

  @Get(':id')
  get(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: statementIdParamSchema }) params: z.output<typeof statementIdParamSchema>,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<StatementPreview> {
    return this.statements.get(ctx, params.id);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  confirm(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: statementIdParamSchema }) params: z.output<typeof statementIdParamSchema>,
  ): Promise<StatementConfirmResponse> {
    return this.posting.confirm(ctx, params.id);
  }

  @Post(':id/lines/:line/assign')
  @HttpCode(200)
  assign(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: statementLineParamSchema }) params: z.output<typeof statementLineParamSchema>,
    @Body({ schema: assignStatementLineRequestSchema })
    body: z.output<typeof assignStatementLineRequestSchema>,
  ): Promise<StatementPreview> {
    return this.posting.assign(ctx, params.id, params.line, body.billId);
  }
}
