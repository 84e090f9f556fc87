import { Global, Module } from '@nestjs/common';
import { WechatModule } from '../../wechat/wechat.module';
import { DemoPersonasSeed } from './demo-personas.seed';
import { MeController } from './me.controller';
import { UsersService } from './users.service';

@Global()
@Module({
  imports: [WechatModule],
  controllers: [MeController],
  providers: [UsersService, DemoPersonasSeed],
  exports: [UsersService],
})
export class UsersModule {}
