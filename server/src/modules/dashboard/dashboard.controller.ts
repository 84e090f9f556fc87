import { Controller, Get, Query } from '@nestjs/common';
import { type Dashboard, type DashboardRange, dashboardQuerySchema } from '@itss/shared';
import { StaffOnly } from '../../common/access.decorators';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { DashboardService } from './dashboard.service';

@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  /** `?from=&to=` (Beijing days, default the last twelve months): the figures of 工作台's home. */
  @Get()
  @StaffOnly()
  read(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: dashboardQuerySchema }) range: DashboardRange,
  ): Promise<Dashboard> {
    return this.dashboard.read(ctx, range);
  }
}
