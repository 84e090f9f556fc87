import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { WechatModule } from '../../wechat/wechat.module';
import { AuditModule } from '../audit/audit.module';
import { CampaignEntity, CampaignScanEntity } from './campaign.entity';
import { CampaignsController } from './campaigns.controller';
import { CampaignsPolicy } from './campaigns.policy';
import { CampaignsService } from './campaigns.service';
import { DemoCampaignSeed } from './demo-campaign.seed';

@Module({
  imports: [
    TransactionalRepositoriesModule.forFeature([CampaignEntity, CampaignScanEntity]),
    AuditModule,
    WechatModule,
  ],
  controllers: [CampaignsController],
  providers: [CampaignsService, CampaignsPolicy, DemoCampaignSeed],
  exports: [CampaignsService],
})
export class CampaignsModule {}
