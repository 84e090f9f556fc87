import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { AppError } from '../common/app-error';
import { CLI } from '../common/request-context';
import { ConfigError, loadConfig } from '../config/config';
import { DatabaseStartupError } from '../database/open-database';
import { StaffService } from '../modules/staff/staff.service';
import { StateStartupError } from '../state/redis-shared-state';

const USAGE = `Usage: npm run staff -- add <openid|phone> [--admin]
       npm run staff -- remove <openid|phone>

Grants or revokes the staff role (and admin with --admin) on the database the server uses
(DATABASE_URL, or the embedded SQLite file). A phone must already be bound by its owner; an
openid may be given before its owner's first login. The change is written to the audit log.`;

async function main(argv: string[]): Promise<number> {
  const [command, key, ...flags] = argv;
  const unknownFlags = flags.filter((flag) => flag !== '--admin');
  if ((command !== 'add' && command !== 'remove') || !key || unknownFlags.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(loadConfig()), {
    logger: ['error'],
  });
  try {
    const staff = app.get(StaffService);
    if (command === 'add') {
      const member = await staff.grant(CLI, { key }, flags.includes('--admin'));
      console.log(
        `Granted ${flags.includes('--admin') ? 'staff + admin' : 'staff'} to user ${member.id} (${key}).`,
      );
    } else {
      await staff.revoke(CLI, { key });
      console.log(`Revoked staff and admin from ${key}.`);
    }
    return 0;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (
      error instanceof AppError ||
      error instanceof ConfigError ||
      error instanceof DatabaseStartupError ||
      error instanceof StateStartupError
    ) {
      console.error(error.message);
    } else {
      console.error(error);
    }
    process.exit(1);
  },
);
