import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { WechatModule } from '../../wechat/wechat.module';
import { UsersModule } from '../users/users.module';
import { MessageEntity, SubscriptionCreditEntity } from './notification.entity';
import { MessagesController, NotificationsController } from './notifications.controller';
import { NotificationsPolicy } from './notifications.policy';
import { NotificationsService } from './notifications.service';

@Module({
  imports: [
    TransactionalRepositoriesModule.forFeature([MessageEntity, SubscriptionCreditEntity]),
    UsersModule,
    WechatModule,
  ],
  controllers: [NotificationsController, MessagesController],
  providers: [NotificationsService, NotificationsPolicy],
  exports: [NotificationsService],
})
export class NotificationsModule {}
