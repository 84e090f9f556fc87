import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { RetryOnConflict } from '../../database/conflicts';
import { STANDIN_PERSONAS } from '../../wechat/standin/personas';
import { UsersService } from './users.service';

/**
 * Development only (the server serves the WeChat stand-in): the demo personas exist with their
 * names, and the staff persona is staff and admin, so every screen can be tried at once. Never runs
 * against real WeChat, hence never in production.
 */
@Injectable()
export class DemoPersonasSeed implements OnModuleInit {
  constructor(
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.wechat.serveStandin) return;
    await this.seed();
    new Logger('Demo').log('Demo personas ready (WeChat stand-in at /__wechat)');
  }

  @RetryOnConflict()
  @Transactional()
  private async seed(): Promise<void> {
    for (const persona of STANDIN_PERSONAS) {
      const user = await this.users.findOrCreateByOpenid(persona.openid, {
        unionid: persona.unionid,
        displayName: persona.displayName,
      });
      if (persona.key === 'staff') await this.users.addRoles(user.id, ['staff', 'admin'], null);
    }
  }
}
