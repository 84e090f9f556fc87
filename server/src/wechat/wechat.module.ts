import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { WechatPushController } from './wechat-push.controller';
import { WechatPushHandlers } from './wechat-push';
import { WECHAT_CONFIG, WechatClient } from './wechat.client';

/**
 * Import it where WeChat is needed. It reads the global APP_CONFIG that AppModule provides, and Nest
 * keeps one instance of this static module, so the whole process shares one access-token cache.
 */
@Module({
  controllers: [WechatPushController],
  providers: [
    { provide: WECHAT_CONFIG, useFactory: (config: AppConfig) => config.wechat, inject: [APP_CONFIG] },
    WechatClient,
    WechatPushHandlers,
  ],
  exports: [WechatClient, WechatPushHandlers],
})
export class WechatModule {}
