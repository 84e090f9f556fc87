import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { AssociationController } from './association.controller';
import { AssociationContentEntity, MemberServiceEntity } from './association.entity';
import { AssociationService } from './association.service';

@Module({
  imports: [TransactionalRepositoriesModule.forFeature([AssociationContentEntity, MemberServiceEntity])],
  controllers: [AssociationController],
  providers: [AssociationService],
})
export class AssociationModule {}
