import { Controller, Get, Inject, Param, Query, Req, StreamableFile } from '@nestjs/common';
import { type AttendanceCertificate, noQuerySchema, registrationIdParamSchema } from '@itss/shared';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { CertificateFiles } from '../certificates/certificate-files';
import { verifyUrlOf } from '../certificates/verify-redirect';
import { AttendanceCertificatesService } from './attendance-certificates.service';

type RegistrationParam = z.output<typeof registrationIdParamSchema>;

/** A registration's certificate of attendance, as JSON and as the PDF to download. */
@Controller('registrations')
export class AttendanceCertificatesController {
  constructor(
    private readonly certificates: AttendanceCertificatesService,
    private readonly files: CertificateFiles,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get(':id/certificate')
  async get(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: registrationIdParamSchema }) params: RegistrationParam,
    @Query({ schema: noQuerySchema }) _query: object,
    @Req() request: FastifyRequest,
  ): Promise<AttendanceCertificate> {
    const issued = await this.certificates.issue(ctx, params.id);
    return this.certificates.present(
      issued,
      verifyUrlOf(this.config.publicUrl, request, issued.certificate.code),
    );
  }

  @Get(':id/certificate.pdf')
  async pdf(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: registrationIdParamSchema }) params: RegistrationParam,
    @Query({ schema: noQuerySchema }) _query: object,
    @Req() request: FastifyRequest,
  ): Promise<StreamableFile> {
    const issued = await this.certificates.issue(ctx, params.id);
    const bytes = await this.files.attendancePdf({
      ...issued.facts,
      verifyUrl: verifyUrlOf(this.config.publicUrl, request, issued.certificate.code),
    });
    const { number } = issued.certificate;
    return new StreamableFile(bytes, {
      type: 'application/pdf',
      length: bytes.length,
      disposition: `attachment; filename="${number}.pdf"; filename*=UTF-8''${encodeURIComponent(`培训证明-${number}.pdf`)}`,
    });
  }
}
