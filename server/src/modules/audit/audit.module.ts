import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { AuditController } from './audit.controller';
import { AuditEntity } from './audit.entity';
import { AuditPolicy } from './audit.policy';
import { AuditService } from './audit.service';

@Module({
  imports: [TransactionalRepositoriesModule.forFeature([AuditEntity])],
  controllers: [AuditController],
  providers: [AuditService, AuditPolicy],
  exports: [AuditService],
})
export class AuditModule {}
