import { type DynamicModule, Module } from '@nestjs/common';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { ClsModule } from 'nestjs-cls';
import { DataSource } from 'typeorm';
import { TransactionalAdapterWithAfterCommit } from './common/after-commit';
import { APP_CONFIG, type AppConfig } from './config/config';
import { DatabaseModule } from './database/database.module';
import { JobsModule } from './jobs/jobs.module';
import { ApplicationsModule } from './modules/applications/applications.module';
import { ArticlesModule } from './modules/articles/articles.module';
import { AssociationModule } from './modules/association/association.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { CampaignsModule } from './modules/campaigns/campaigns.module';
import { CertificatesModule } from './modules/certificates/certificates.module';
import { DesktopLoginsModule } from './modules/desktop-logins/desktop-logins.module';
import { DashboardModule } from './modules/dashboard/dashboard.module';
import { DuesModule } from './modules/dues/dues.module';
import { FilesModule } from './modules/files/files.module';
import { EventsModule } from './modules/events/events.module';
import { GroupsModule } from './modules/groups/groups.module';
import { HealthModule } from './modules/health/health.module';
import { MembershipModule } from './modules/membership/membership.module';
import { NoticesModule } from './modules/notices/notices.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { PaymentsModule } from './modules/payments/payments.module';
import { StaffModule } from './modules/staff/staff.module';
import { StandingModule } from './modules/standing/standing.module';
import { UnitsModule } from './modules/units/units.module';
import { UsersModule } from './modules/users/users.module';
import { StateModule } from './state/state.module';
import { WechatPayModule } from './wechatpay/wechatpay.module';

/**
 * The composition root: infrastructure (config, database, the transaction that travels with each
 * call) and the features. Each feature module lists what it depends on in its own imports.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        DatabaseModule.forRoot(config.database),
        ClsModule.forRoot({
          global: true,
          plugins: [
            new ClsPluginTransactional({
              adapter: new TransactionalAdapterWithAfterCommit({ dataSourceToken: DataSource }),
            }),
          ],
        }),
        StateModule.forRoot(config),
        JobsModule.forRoot(config),
        WechatPayModule,
        HealthModule,
        AssociationModule,
        MembershipModule,
        AuditModule,
        UsersModule,
        AuthModule,
        DesktopLoginsModule,
        StaffModule,
        CampaignsModule,
        NotificationsModule,
        FilesModule,
        UnitsModule,
        PaymentsModule,
        DuesModule,
        CertificatesModule,
        ApplicationsModule,
        GroupsModule,
        ArticlesModule,
        DashboardModule,
        NoticesModule,
        StandingModule,
        EventsModule,
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
