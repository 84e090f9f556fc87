import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { ArticlesModule } from '../articles/articles.module';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UnitsModule } from '../units/units.module';
import { NoticeDelivery } from './notice-delivery';
import { NoticeDeliveryEntity, NoticeEntity } from './notice.entity';
import { NoticesController } from './notices.controller';
import { NoticesPolicy } from './notices.policy';
import { NoticesService } from './notices.service';

@Module({
  imports: [
    TransactionalRepositoriesModule.forFeature([NoticeEntity, NoticeDeliveryEntity]),
    ArticlesModule,
    AuditModule,
    NotificationsModule,
    UnitsModule,
  ],
  controllers: [NoticesController],
  providers: [NoticesService, NoticesPolicy, NoticeDelivery],
})
export class NoticesModule {}
