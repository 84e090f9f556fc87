import { Controller, Get, Query } from '@nestjs/common';
import { type AuditListResponse, auditQuerySchema } from '@itss/shared';
import type { z } from 'zod';
import { Roles } from '../../common/request-context';
import { AuditService } from './audit.service';

@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Roles('staff', 'admin')
  @Get()
  list(
    @Query({ schema: auditQuerySchema }) query: z.output<typeof auditQuerySchema>,
  ): Promise<AuditListResponse> {
    return this.audit.list(query.limit, query.before);
  }
}
