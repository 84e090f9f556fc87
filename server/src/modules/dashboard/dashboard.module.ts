import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';
import { DashboardFigures } from './dashboard-figures';
import { DashboardPolicy } from './dashboard.policy';
import { DashboardService } from './dashboard.service';

/** Reads other features' tables with aggregate SQL only; it owns no table and writes nothing. */
@Module({
  controllers: [DashboardController],
  providers: [DashboardService, DashboardFigures, DashboardPolicy],
})
export class DashboardModule {}
