import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { ArticleEntity, ArticleStateChangeEntity } from './article.entity';

@Module({
  imports: [TransactionalRepositoriesModule.forFeature([ArticleEntity, ArticleStateChangeEntity])],
})
export class ArticlesModule {}
