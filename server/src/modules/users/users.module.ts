import { Module } from '@nestjs/common';
import { MeContributionsModule } from '../../common/me-contributions';
import { AbilitiesModule } from '../../common/policy';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { WechatModule } from '../../wechat/wechat.module';
import { AuditModule } from '../audit/audit.module';
import { DemoPersonasSeed } from './demo-personas.seed';
import { MeController } from './me.controller';
import { PhoneThrottle } from './phone-throttle';
import { UserEntity, UserRoleEntity } from './user.entity';
import { UsersPolicy } from './users.policy';
import { UsersService } from './users.service';

@Module({
  imports: [
    TransactionalRepositoriesModule.forFeature([UserEntity, UserRoleEntity]),
    AbilitiesModule,
    MeContributionsModule,
    AuditModule,
    WechatModule,
  ],
  controllers: [MeController],
  providers: [UsersService, UsersPolicy, PhoneThrottle, DemoPersonasSeed],
  exports: [UsersService],
})
export class UsersModule {}
