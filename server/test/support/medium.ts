import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import type { RequestContext } from '../../src/common/request-context';
import type { ScratchDatabase } from '../../src/database/scratch-database';
import { UsersService } from '../../src/modules/users/users.service';
import { testConfig } from './harness';
import { migratedScratchDatabase } from './template-database';

/**
 * The medium tier: the real application's services on a real database, without HTTP, for rules
 * that are about objects and states rather than routes (which policy refuses what, which writes
 * land together). One per test file.
 */
export interface MediumEnv {
  app: INestApplicationContext;
  db: ScratchDatabase;
  dataSource: DataSource;
  /** A signed-in caller with these roles, made through the users feature. */
  actor(
    openid: string,
    roles?: RequestContext['roles'],
  ): Promise<RequestContext & { user: NonNullable<RequestContext['user']> }>;
  close(): Promise<void>;
}

export async function startMedium(): Promise<MediumEnv> {
  const db = await migratedScratchDatabase();
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(testConfig(db.config)), {
    logger: ['fatal'],
  });
  const users = app.get(UsersService);
  return {
    app,
    db,
    dataSource: app.get(DataSource),
    async actor(openid, roles = []) {
      const user = await users.findOrCreateByOpenid(openid);
      await users.addRoles(user.id, roles, null);
      return { user, roles: await users.rolesOf(user.id), sessionId: null, ip: '127.0.0.1' };
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
