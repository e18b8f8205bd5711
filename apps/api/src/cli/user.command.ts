import { InvalidArgumentError, type Command } from 'commander';
import {
  newUserSchema,
  roleSchema,
  userTenantSchema,
  type Env,
  type NewUser,
} from '@mieruka/contracts';
import { CredentialStore, createStoreClient, migrate } from '@mieruka/store';
import { addUser } from '../auth/add-user';
import { storeOptions } from '../store/store-options';

interface UserAddOptions {
  tenant: string;
  role: NewUser['role'];
  scope: string[];
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

const role = (value: string): NewUser['role'] => {
  const parsed = roleSchema.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError('expected admin, manager or supervisor');
  return parsed.data;
};

const tenant = (value: string): string => {
  if (!userTenantSchema.safeParse(value).success)
    throw new InvalidArgumentError('expected a tenant id, or * for every tenant');
  return value;
};

/** The password from standard input: piped (one line), or typed at a prompt that does not echo. */
async function readPassword(): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) text += String(chunk);
    return text.split(/\r?\n/)[0] ?? '';
  }
  process.stderr.write('password (12+ characters, not shown): ');
  stdin.setRawMode(true);
  return new Promise((resolve, reject) => {
    let typed = '';
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          resolve(typed);
          return;
        }
        if (char === '\u0003') {
          stdin.setRawMode(false);
          reject(new Error('cancelled'));
          return;
        }
        typed = char === '\u007f' ? typed.slice(0, -1) : typed + char;
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}

/**
 * `mieruka user add NAME --tenant T --role R`: the first admin (or any user) without a
 * running API, written to the store the settings name (MIERUKA_DATA_DIR or the ClickHouse
 * server). The embedded store is one process's at a time: stop the API first, or use
 * `POST /api/v1/users` while it runs. `settings` are parsed only when a command runs, so a
 * broken setting never stands in the way of `--help`.
 */
export function registerUser(program: Command, settings: () => Env): void {
  const user = program.command('user').description('manage the users who sign in');
  user
    .command('add <username>')
    .description('add a user; the password is read from standard input (or a hidden prompt)')
    .requiredOption('--tenant <id>', 'the tenant, or * for every tenant', tenant)
    .requiredOption('--role <role>', 'admin, manager or supervisor', role)
    .option(
      '--scope <scope>',
      'limit a supervisor to this part of the floor (team:blue, queue:orders); repeat for more',
      collect,
      [],
    )
    .action(async (username: string, options: UserAddOptions) => {
      const password = await readPassword();
      const { scope: scopes, ...rest } = options;
      const parsed = newUserSchema.safeParse({ username, password, ...rest, scopes });
      if (!parsed.success) {
        throw new Error(
          parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        );
      }
      const store = createStoreClient(storeOptions(settings()));
      try {
        await migrate(store);
        if (!(await addUser(new CredentialStore(store), parsed.data, Date.now()))) {
          throw new Error(`user ${username} exists already (names differ by more than case)`);
        }
        process.stderr.write(
          `added ${parsed.data.role} ${username} (tenant ${parsed.data.tenant}` +
            `${scopes.length > 0 ? `; only ${scopes.join(', ')}` : ''})\n`,
        );
      } finally {
        await store.close();
      }
    });
}
