import { Controller, Get, Query } from '@nestjs/common';
import { type AuditListResponse, auditQuerySchema } from '@itss/shared';
import type { z } from 'zod';
import { StaffOnly } from '../../common/access.decorators';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { AuditService } from './audit.service';

@Controller('audit')
@StaffOnly()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  list(
    @Ctx() ctx: SignedInContext,
    @Query({ schema: auditQuerySchema }) query: z.output<typeof auditQuerySchema>,
  ): Promise<AuditListResponse> {
    return this.audit.list(ctx, query);
  }
}
