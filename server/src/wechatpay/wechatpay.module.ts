import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { WECHATPAY_CONFIG, WechatPayClient } from './wechatpay.client';
import { WechatPayApi } from './wechatpay.types';

/**
 * Import it where WeChat Pay is needed, and inject `WechatPayApi`. It reads the global APP_CONFIG
 * that AppModule provides; `enabled` is false when WeChat Pay is not configured.
 */
@Module({
  providers: [
    { provide: WECHATPAY_CONFIG, useFactory: (config: AppConfig) => config.wechatpay, inject: [APP_CONFIG] },
    { provide: WechatPayApi, useClass: WechatPayClient },
  ],
  exports: [WechatPayApi],
})
export class WechatPayModule {}
