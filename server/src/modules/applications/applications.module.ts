import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { AuditModule } from '../audit/audit.module';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { DuesModule } from '../dues/dues.module';
import { FilesModule } from '../files/files.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UnitsModule } from '../units/units.module';
import { ApplicationUnitFacts } from './unit-export-facts';
import { UsersModule } from '../users/users.module';
import {
  ApplicationDraftEntity,
  ApplicationEntity,
  ApplicationHistoryEntity,
  ApplicationSubmissionEntity,
} from './application.entity';
import { ApplicationDraftsService } from './application-drafts.service';
import { ApplicationPresenter } from './application-presenter';
import { ApplicationReviewService } from './application-review.service';
import { ApplicationTransitions } from './application-transitions';
import { ApplicationsController } from './applications.controller';
import { ApplicationsPolicy } from './applications.policy';
import { ApplicationsService } from './applications.service';

@Module({
  imports: [
    TransactionalRepositoriesModule.forFeature([
      ApplicationEntity,
      ApplicationHistoryEntity,
      ApplicationSubmissionEntity,
      ApplicationDraftEntity,
    ]),
    FilesModule,
    UnitsModule,
    DuesModule,
    UsersModule,
    AuditModule,
    CampaignsModule,
    NotificationsModule,
  ],
  controllers: [ApplicationsController],
  providers: [
    ApplicationsService,
    ApplicationDraftsService,
    ApplicationReviewService,
    ApplicationTransitions,
    ApplicationPresenter,
    ApplicationsPolicy,
    ApplicationUnitFacts,
  ],
})
export class ApplicationsModule {}
