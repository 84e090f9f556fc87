import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { ArticleSearch } from './article-search';
import { ArticleSearchEntity } from './article-search.entity';
import { ArticleEntity, ArticleStateChangeEntity } from './article.entity';

@Module({
  imports: [
    TransactionalRepositoriesModule.forFeature([
      ArticleEntity,
      ArticleStateChangeEntity,
      ArticleSearchEntity,
    ]),
  ],
  providers: [ArticleSearch],
  exports: [ArticleSearch],
})
export class ArticlesModule {}
