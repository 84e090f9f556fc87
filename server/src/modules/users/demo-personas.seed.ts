import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { STANDIN_PERSONAS } from '../../wechat/standin/personas';
import { UserEntity, UserRoleEntity } from './user.entity';

/**
 * Development only (the server serves the WeChat stand-in): the demo personas exist with their
 * names, and the staff persona is staff and admin, so every screen can be tried at once. Never runs
 * against real WeChat, hence never in production.
 */
@Injectable()
export class DemoPersonasSeed implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.wechat.serveStandin) return;
    await this.dataSource.transaction(async (manager) => {
      const users = manager.getRepository(UserEntity);
      for (const persona of STANDIN_PERSONAS) {
        let user = await users.findOneBy({ openid: persona.openid });
        user ??= await users.save({
          openid: persona.openid,
          unionid: persona.unionid,
          displayName: persona.displayName,
          phone: null,
          createdAt: new Date(),
          lastSeenAt: null,
        });
        if (persona.key !== 'staff') continue;
        const roles = manager.getRepository(UserRoleEntity);
        for (const role of ['staff', 'admin'] as const) {
          if (!(await roles.existsBy({ userId: user.id, role }))) {
            await roles.insert({ userId: user.id, role, grantedAt: new Date(), grantedBy: null });
          }
        }
      }
    });
    new Logger('Demo').log('Demo personas ready (WeChat stand-in at /__wechat)');
  }
}
