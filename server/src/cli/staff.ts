import { parseArgs } from 'node:util';
import { mainlandMobileSchema, openidSchema } from '@itss/shared';
import { AppError } from '../common/app-error';
import { StartupAwareLogger, isStartupRefusal } from '../common/startup';
import { loadConfig } from '../config/config';

const USAGE = `Usage: npm run staff -- add <openid|phone> [--admin]
       npm run staff -- remove <openid|phone>

Grants or revokes the staff role (and admin with --admin) on the database the server uses
(DATABASE_URL, or the embedded SQLite file). A phone must already be bound by its owner; an
openid may be given before its owner's first login. The change is written to the audit log.
Like the server, it runs in production unless NODE_ENV says otherwise.`;

type Command = { command: 'add'; key: string; admin: boolean } | { command: 'remove'; key: string };

const OPTIONS = { admin: { type: 'boolean', default: false } } as const;

/** The command, or why not. Options anywhere, so `add --admin` is a missing key, not an openid. */
function parseCommand(argv: string[]): Command | string {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    // strict: an unknown option (--admn) is an error, not a positional or a silent no-op.
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return (error as Error).message;
  }
  const [command, key, ...extra] = parsed.positionals;
  if (command !== 'add' && command !== 'remove') return 'give add or remove';
  if (!key) return `give the openid or phone of the person to ${command}`;
  if (extra.length > 0) return `unexpected arguments: ${extra.join(' ')}`;
  if (!mainlandMobileSchema.safeParse(key).success && !openidSchema.safeParse(key).success) {
    return `not a mainland mobile number or an openid (1-64 visible ASCII characters): ${key}`;
  }
  if (command === 'remove') {
    return parsed.values.admin ? '--admin applies to add only (remove revokes both roles)' : { command, key };
  }
  return { command, key, admin: parsed.values.admin };
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv);
  if (typeof parsed === 'string') {
    console.error(`${parsed}\n\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  // The application's modules are loaded once the command and the configuration are accepted: a
  // refusal is answered without loading them (about a second and a half of CPU).
  // One after another: the module graph loads the service, whose import is then that same module.
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('../app.module.js');
  const { CLI } = await import('../common/request-context.js');
  const { StaffService } = await import('../modules/staff/staff.service.js');
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
    logger: new StartupAwareLogger({ logLevels: ['error'] }),
    // Rethrow start-up failures to the handler below instead of Nest exiting on its own.
    abortOnError: false,
  });
  try {
    const staff = app.get(StaffService);
    if (parsed.command === 'add') {
      const member = await staff.grant(CLI, { key: parsed.key }, parsed.admin);
      console.log(
        `Granted ${parsed.admin ? 'staff + admin' : 'staff'} to user ${member.id} (${parsed.key}).`,
      );
    } else {
      await staff.revoke(CLI, { key: parsed.key });
      console.log(`Revoked staff and admin from ${parsed.key}.`);
    }
    return 0;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof AppError || isStartupRefusal(error)) {
      console.error(error.message);
    } else {
      console.error(error);
    }
    process.exit(1);
  },
);
