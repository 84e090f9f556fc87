import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { AuditModule } from '../audit/audit.module';
import { FilesModule } from '../files/files.module';
import { UnitsModule } from '../units/units.module';
import { UsersModule } from '../users/users.module';
import { ArticleFiles } from './article-files';
import { ArticleReaders } from './article-readers';
import { ArticleSearch } from './article-search';
import { ArticleEntity, ArticleStateChangeEntity } from './article.entity';
import { ArticlesController } from './articles.controller';
import { ArticlesPolicy } from './articles.policy';
import { ArticlesService } from './articles.service';
import { DemoArticlesSeed } from './demo-articles.seed';

@Module({
  imports: [
    TransactionalRepositoriesModule.forFeature([ArticleEntity, ArticleStateChangeEntity]),
    UsersModule,
    UnitsModule,
    FilesModule,
    AuditModule,
  ],
  controllers: [ArticlesController],
  providers: [ArticlesService, ArticlesPolicy, ArticleReaders, ArticleFiles, ArticleSearch, DemoArticlesSeed],
})
export class ArticlesModule {}
