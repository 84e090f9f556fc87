import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { CampaignEntity } from './campaign.entity';

/** The demo campaign's scene: open /?scene=demo2026 in development to arrive as from its poster. */
export const DEMO_SCENE = 'demo2026';

/**
 * Development only (the server serves the WeChat stand-in), like the demo personas: one campaign
 * with a fixed scene, so the entry from a scanned code can be tried in a browser at once.
 */
@Injectable()
export class DemoCampaignSeed implements OnModuleInit {
  constructor(
    @InjectRepository(CampaignEntity) private readonly campaigns: Repository<CampaignEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.wechat.serveStandin) return;
    if (await this.campaigns.existsBy({ scene: DEMO_SCENE })) return;
    await this.campaigns.insert({
      name: '演示：ITSS 会议周展台',
      scene: DEMO_SCENE,
      createdBy: null,
      createdAt: new Date(),
    });
  }
}
