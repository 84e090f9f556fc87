import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  StreamableFile,
} from '@nestjs/common';
import {
  type Unit,
  type UnitImportPreview,
  type UnitImportResult,
  type UnitListResponse,
  createUnitRequestSchema,
  noQuerySchema,
  unitExportQuerySchema,
  unitIdParamSchema,
  unitImportIdParamSchema,
  unitListQuerySchema,
  unitStatusChangeRequestSchema,
} from '@itss/shared';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { StaffOnly } from '../../common/access.decorators';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { readUpload } from '../files/upload-reader';
import { UnitExportService } from './unit-export.service';
import { UnitImportService } from './unit-import.service';
import { UnitAdminService } from './unit-admin.service';
import { UnitsService } from './units.service';

type IdParam = z.output<typeof unitIdParamSchema>;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function xlsxFile(bytes: Buffer, asciiName: string, name: string): StreamableFile {
  return new StreamableFile(bytes, {
    type: XLSX,
    length: bytes.length,
    disposition: `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`,
  });
}

@Controller('units')
export class UnitsController {
  constructor(
    private readonly units: UnitsService,
    private readonly admin: UnitAdminService,
    private readonly sheets: UnitImportService,
    private readonly exports: UnitExportService,
  ) {}

  @Get()
  @StaffOnly()
  list(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: unitListQuerySchema }) query: z.output<typeof unitListQuerySchema>,
  ): Promise<UnitListResponse> {
    return this.admin.list(ctx, query);
  }

  @Post()
  @HttpCode(201)
  @StaffOnly()
  create(
    @Ctx() ctx: SignedInContext,
    @Body({ schema: createUnitRequestSchema }) body: z.output<typeof createUnitRequestSchema>,
  ): Promise<Unit> {
    return this.admin.create(ctx, body);
  }

  @Get('export')
  @StaffOnly()
  async export(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: unitExportQuerySchema }) query: z.output<typeof unitExportQuerySchema>,
  ): Promise<StreamableFile> {
    return xlsxFile(await this.exports.export(ctx, query), 'units.xlsx', '会员单位.xlsx');
  }

  /** The import template: the columns the import takes and an example row. */
  @Get('import/template')
  @StaffOnly()
  async template(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<StreamableFile> {
    return xlsxFile(await this.exports.template(ctx), 'units-template.xlsx', '会员单位导入模板.xlsx');
  }

  /** Multipart, the .xlsx in the field `file`: a preview, nothing written. */
  @Post('import')
  @HttpCode(200)
  @StaffOnly()
  preview(@Ctx() ctx: SignedInContext, @Req() request: FastifyRequest): Promise<UnitImportPreview> {
    return this.sheets.preview(ctx, () => readUpload(request));
  }

  @Post('import/:importId/confirm')
  @HttpCode(200)
  @StaffOnly()
  confirm(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: unitImportIdParamSchema }) params: z.output<typeof unitImportIdParamSchema>,
  ): Promise<UnitImportResult> {
    return this.sheets.confirm(ctx, params.importId);
  }

  @Get(':id')
  get(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: unitIdParamSchema }) params: IdParam,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<Unit> {
    return this.units.get(ctx, params.id);
  }

  @Patch(':id/status')
  @StaffOnly()
  changeStatus(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: unitIdParamSchema }) params: IdParam,
    @Body({ schema: unitStatusChangeRequestSchema }) body: z.output<typeof unitStatusChangeRequestSchema>,
  ): Promise<Unit> {
    return this.admin.changeStatus(ctx, params.id, body);
  }
}
