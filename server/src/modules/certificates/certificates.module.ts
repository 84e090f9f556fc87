import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { AuditModule } from '../audit/audit.module';
import { UnitsModule } from '../units/units.module';
import { CertificateFiles } from './certificate-files';
import { CertificateEntity } from './certificate.entity';
import { CertificatesController } from './certificates.controller';
import { CertificatesPolicy } from './certificates.policy';
import { CertificatesService } from './certificates.service';

/**
 * The membership certificate: issued to a unit whose year is paid, drawn as PDF and PNG, verified
 * publicly by its code; the same drawing and verification for other kinds (a training's certificate
 * of attendance). Reads units and bills (their tables, in one query) and owns `certificates`.
 */
@Module({
  imports: [TransactionalRepositoriesModule.forFeature([CertificateEntity]), UnitsModule, AuditModule],
  controllers: [CertificatesController],
  providers: [CertificatesService, CertificatesPolicy, CertificateFiles],
  // Certificates of attendance (events) are drawn and verified here too.
  exports: [CertificatesService, CertificateFiles],
})
export class CertificatesModule {}
