import { Controller, Get, Query, Res } from '@nestjs/common';
import { type HealthResponse, noQuerySchema } from '@itss/shared';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../../common/access.decorators';

@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /** For load balancers and uptime checks: 503 as soon as the database stops answering. */
  @Public()
  @Get()
  async check(
    @Query({ schema: noQuerySchema }) _query: object,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HealthResponse> {
    void reply.header('cache-control', 'no-store');
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'ok', db: 'up' };
    } catch {
      void reply.status(503);
      return { status: 'error', db: 'down' };
    }
  }
}
