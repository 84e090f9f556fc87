import { Controller, Get, HttpCode, Param, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { type StoredFile, fileIdParamSchema, noQuerySchema } from '@itss/shared';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { FilesService } from './files.service';
import { readUpload } from './upload-reader';

/** `inline` so the app shows an image or PDF; the name in RFC 5987 form, with an ASCII fallback. */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `inline; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

@Controller('files')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  /** Multipart, the file in the field `file`. */
  @Post()
  @HttpCode(201)
  upload(@Ctx() ctx: SignedInContext, @Req() request: FastifyRequest): Promise<StoredFile> {
    return this.files.upload(ctx, () => readUpload(request));
  }

  @Get(':id')
  async read(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: fileIdParamSchema }) params: z.output<typeof fileIdParamSchema>,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<StreamableFile> {
    const { file, bytes } = await this.files.open(ctx, params.id);
    return new StreamableFile(bytes, {
      type: file.contentType,
      length: file.size,
      disposition: contentDisposition(file.name),
    });
  }
}
