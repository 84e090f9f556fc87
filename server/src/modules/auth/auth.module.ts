import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { WechatModule } from '../../wechat/wechat.module';
import { AuditModule } from '../audit/audit.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { DeviceSessionsController } from './device-sessions.controller';
import { DeviceSessionsService } from './device-sessions.service';
import { LoginThrottle } from './login-throttle';
import { SessionEntity } from './session.entity';

@Module({
  imports: [
    TransactionalRepositoriesModule.forFeature([SessionEntity]),
    UsersModule,
    AuditModule,
    WechatModule,
  ],
  controllers: [AuthController, DeviceSessionsController],
  providers: [AuthService, DeviceSessionsService, LoginThrottle, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService],
})
export class AuthModule {}
