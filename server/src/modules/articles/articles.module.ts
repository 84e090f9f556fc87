import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { WechatModule } from '../../wechat/wechat.module';
import { AuditModule } from '../audit/audit.module';
import { FilesModule } from '../files/files.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UnitsModule } from '../units/units.module';
import { UsersModule } from '../users/users.module';
import { ArticleEntity, ArticleStateChangeEntity } from './article.entity';
import { SubmissionMediaCheckEntity } from './submission-media-check.entity';
import { SubmissionsController } from './submissions.controller';
import { SubmissionsPolicy } from './submissions.policy';
import { SubmissionsService } from './submissions.service';

@Module({
  imports: [
    TransactionalRepositoriesModule.forFeature([
      ArticleEntity,
      ArticleStateChangeEntity,
      SubmissionMediaCheckEntity,
    ]),
    AuditModule,
    FilesModule,
    NotificationsModule,
    UnitsModule,
    UsersModule,
    WechatModule,
  ],
  controllers: [SubmissionsController],
  providers: [SubmissionsService, SubmissionsPolicy],
})
export class ArticlesModule {}
