import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { WechatModule } from '../../wechat/wechat.module';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { UsersModule } from '../users/users.module';
import { DesktopLoginEntity } from './desktop-login.entity';
import { DesktopLoginEvents } from './desktop-login-events';
import { DesktopLoginsController } from './desktop-logins.controller';
import { DesktopLoginsPolicy } from './desktop-logins.policy';
import { DesktopLoginsService } from './desktop-logins.service';

@Module({
  imports: [
    TransactionalRepositoriesModule.forFeature([DesktopLoginEntity]),
    AuthModule,
    UsersModule,
    AuditModule,
    WechatModule,
  ],
  controllers: [DesktopLoginsController],
  providers: [DesktopLoginsService, DesktopLoginEvents, DesktopLoginsPolicy],
})
export class DesktopLoginsModule {}
