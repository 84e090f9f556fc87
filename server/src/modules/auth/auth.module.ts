import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { WechatModule } from '../../wechat/wechat.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';

@Module({
  imports: [WechatModule],
  controllers: [AuthController],
  providers: [AuthService, LoginThrottle, { provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthModule {}
