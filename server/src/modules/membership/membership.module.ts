import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { MembershipController } from './membership.controller';
import {
  MembershipLevelEntity,
  MembershipObligationEntity,
  MembershipRightEntity,
} from './membership.entity';
import { MembershipService } from './membership.service';

@Module({
  imports: [
    TransactionalRepositoriesModule.forFeature([
      MembershipLevelEntity,
      MembershipObligationEntity,
      MembershipRightEntity,
    ]),
  ],
  controllers: [MembershipController],
  providers: [MembershipService],
})
export class MembershipModule {}
