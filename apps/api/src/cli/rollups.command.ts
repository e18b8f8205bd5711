import { InvalidArgumentError, type Command } from 'commander';
import type { Env, TenantSettings } from '@mieruka/contracts';
import {
  ROLLUP_BUCKET_MS,
  TenantSettingsStore,
  buildRollups,
  createStoreClient,
  migrate,
  storedTenantRanges,
  type RollupProgress,
  type StoreClient,
} from '@mieruka/store';
import { TenantDirectory } from '../config/tenant-directory';
import { storeOptions } from '../store/store-options';

interface RollupsOptions {
  tenant?: string;
  from?: number;
  to?: number;
}

function instant(value: string): number {
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(ms)) {
    throw new InvalidArgumentError('expected an RFC 3339 time, e.g. 2026-11-01T00:00:00+09:00');
  }
  return ms;
}

/**
 * One progress line: `rollups default: 96/2880 quarter hours (0 fresh, 90 built, 6 pending;
 * agent time of 90 built)`.
 */
export function progressLine(tenant: string, p: RollupProgress): string {
  return (
    `rollups ${tenant}: ${p.done}/${p.total} quarter hours ` +
    `(${p.fresh} fresh, ${p.built} built, ${p.pending} pending; agent time of ${p.agentTimeBuilt} built)`
  );
}

/**
 * Builds the rollups of every stored tenant (or one) over its stored events, up to the last
 * quarter hour closed at `now`, a progress line per UTC day. Resumable: a rerun skips every
 * quarter hour already fresh. The settings of a tenant are the ones the API would use (saved
 * by an admin, else the file's, else the defaults): rollups built for other settings are never read.
 */
export async function buildStoredRollups(
  store: StoreClient,
  tenants: TenantDirectory,
  options: { readonly tenant?: string; readonly from?: number; readonly to?: number },
  now: number,
  log: (line: string) => void,
): Promise<RollupProgress[]> {
  const saved = new TenantSettingsStore(store);
  const results: RollupProgress[] = [];
  const closed = Math.floor(now / ROLLUP_BUCKET_MS) * ROLLUP_BUCKET_MS;
  for (const range of await storedTenantRanges(store)) {
    if (options.tenant !== undefined && range.tenant !== options.tenant) continue;
    const settings: TenantSettings =
      (await saved.find(range.tenant))?.settings ?? tenants.get(range.tenant);
    const from = Math.max(options.from ?? range.first, range.first);
    const until = Math.min(options.to ?? closed, closed, range.last + ROLLUP_BUCKET_MS);
    const done = await buildRollups(store, {
      settings,
      from: Math.floor(from / ROLLUP_BUCKET_MS) * ROLLUP_BUCKET_MS,
      until,
      onProgress: (p) => log(progressLine(range.tenant, p)),
    });
    results.push(done);
  }
  return results;
}

/**
 * `mieruka rollups build [--tenant ID] [--from T] [--to T]`: the history rollups
 * (docs/store.md) of the events already stored, with a progress line per day on standard
 * error; stop it at any time and run it again to go on.
 */
export function registerRollups(program: Command, settings: () => Env): void {
  program
    .command('rollups')
    .description('history rollups (15-minute sums) of stored events')
    .command('build')
    .description('build the rollups of stored events; resumable, safe beside a running API')
    .option('--tenant <id>', 'only this tenant (default: every tenant with stored events)')
    .option('--from <time>', 'start (RFC 3339; default: the first stored event)', instant)
    .option('--to <time>', 'end (RFC 3339; default: the last closed quarter hour)', instant)
    .action(async (options: RollupsOptions) => {
      const env = settings();
      const tenants = TenantDirectory.fromFile(env.MIERUKA_CONFIG);
      const store = createStoreClient(storeOptions(env));
      try {
        await migrate(store);
        const results = await buildStoredRollups(store, tenants, options, Date.now(), (line) =>
          process.stderr.write(`${line}\n`),
        );
        const pending = results.reduce((n, r) => n + r.pending, 0);
        process.stderr.write(
          pending > 0
            ? `rollups: ${pending} quarter hours pending (copies not merged yet or events stored meanwhile); they are read raw until a later run builds them\n`
            : `rollups: done\n`,
        );
      } finally {
        await store.close();
      }
    });
}
