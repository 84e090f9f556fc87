import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { WechatModule } from '../../wechat/wechat.module';
import { AuditModule } from '../audit/audit.module';
import { FilesModule } from '../files/files.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UnitsModule } from '../units/units.module';
import { UsersModule } from '../users/users.module';
import { ArticleDraftEntity } from './article-draft.entity';
import { ArticleDrafts } from './article-drafts';
import { ArticleFeedService } from './article-feed.service';
import { ArticleFiles } from './article-files';
import { ArticleReaders } from './article-readers';
import { ArticlePresenter } from './article-presenter';
import { ArticleSearch } from './article-search';
import { ArticleSearchEntity } from './article-search.entity';
import { ArticleEntity, ArticleStateChangeEntity } from './article.entity';
import { ArticleStaffService } from './article-staff.service';
import { ArticleTitles } from './article-titles';
import { ArticlesController } from './articles.controller';
import { ArticlesPolicy } from './articles.policy';
import { DemoArticlesSeed } from './demo-articles.seed';
import { SubmissionContentCheck } from './submission-content-check';
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
      ArticleSearchEntity,
      ArticleDraftEntity,
    ]),
    AuditModule,
    FilesModule,
    NotificationsModule,
    UnitsModule,
    UsersModule,
    WechatModule,
  ],
  controllers: [ArticlesController, SubmissionsController],
  providers: [
    ArticleDrafts,
    ArticleFeedService,
    ArticleStaffService,
    ArticlePresenter,
    ArticlesPolicy,
    ArticleReaders,
    ArticleFiles,
    ArticleSearch,
    DemoArticlesSeed,
    SubmissionsService,
    SubmissionContentCheck,
    SubmissionsPolicy,
    ArticleTitles,
  ],
  exports: [ArticleTitles],
})
export class ArticlesModule {}
