import { Controller, Get, Inject, Param, Query, Req, StreamableFile } from '@nestjs/common';
import {
  type Certificate,
  type CertificateVerification,
  certificateCodeParamSchema,
  certificateUnitParamSchema,
  noQuerySchema,
} from '@itss/shared';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { Public } from '../../common/access.decorators';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import type { CertificateFacts } from './certificate-design';
import { CertificateFiles } from './certificate-files';
import { CertificatesService, type IssuedCertificate, issuedOn } from './certificates.service';
import { verifyUrlOf } from './verify-redirect';

type UnitParams = z.output<typeof certificateUnitParamSchema>;

/** A unit's certificate (JSON, PDF, PNG) under the unit's path, and the public check of a code. */
@Controller()
export class CertificatesController {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly files: CertificateFiles,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('units/:id/certificate')
  async get(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: certificateUnitParamSchema }) params: UnitParams,
    @Query({ schema: noQuerySchema }) _query: object,
    @Req() request: FastifyRequest,
  ): Promise<Certificate> {
    const issued = await this.certificates.issue(ctx, params.id);
    return this.certificates.present(issued, this.verifyUrl(request, issued));
  }

  @Get('units/:id/certificate.pdf')
  async pdf(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: certificateUnitParamSchema }) params: UnitParams,
    @Query({ schema: noQuerySchema }) _query: object,
    @Req() request: FastifyRequest,
  ): Promise<StreamableFile> {
    return this.file(ctx, params.id, request, 'pdf');
  }

  @Get('units/:id/certificate.png')
  async png(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: certificateUnitParamSchema }) params: UnitParams,
    @Query({ schema: noQuerySchema }) _query: object,
    @Req() request: FastifyRequest,
  ): Promise<StreamableFile> {
    return this.file(ctx, params.id, request, 'png');
  }

  /**
   * Public: anyone who scanned the QR code, of either kind of certificate. A membership certificate
   * shows no personal data; a certificate of attendance shows who attended, as printed on it.
   */
  @Get('certificates/:code')
  @Public()
  verify(
    @Param({ schema: certificateCodeParamSchema }) params: z.output<typeof certificateCodeParamSchema>,
    @Query({ schema: noQuerySchema }) _query: object,
  ): Promise<CertificateVerification> {
    return this.certificates.verify(params.code);
  }

  /** The PDF to download, or the picture shown inline (and saved to the album). */
  private async file(
    ctx: SignedInContext,
    unitId: number,
    request: FastifyRequest,
    kind: 'pdf' | 'png',
  ): Promise<StreamableFile> {
    const issued = await this.certificates.issue(ctx, unitId);
    const facts = this.factsOf(request, issued);
    const bytes = kind === 'pdf' ? await this.files.pdf(facts) : await this.files.png(facts);
    return new StreamableFile(bytes, {
      type: kind === 'pdf' ? 'application/pdf' : 'image/png',
      length: bytes.length,
      disposition: disposition(issued, kind),
    });
  }

  private factsOf(request: FastifyRequest, issued: IssuedCertificate): CertificateFacts {
    return {
      unitName: issued.unitName,
      level: issued.level,
      year: issued.certificate.year,
      number: issued.certificate.number,
      issuedOn: issuedOn(issued.certificate),
      verifyUrl: this.verifyUrl(request, issued),
    };
  }

  private verifyUrl(request: FastifyRequest, issued: IssuedCertificate): string {
    return verifyUrlOf(this.config.publicUrl, request, issued.certificate.code);
  }
}

function disposition(issued: IssuedCertificate, ext: 'pdf' | 'png'): string {
  const name = `电子会员证书-${issued.certificate.number}.${ext}`;
  return `${ext === 'pdf' ? 'attachment' : 'inline'}; filename="${issued.certificate.number}.${ext}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
