import { readFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { isRfc3339, scopeSchema, type Scope } from '@mieruka/contracts';
import { TenantDirectory } from '../config/tenant-directory';
import { auditKpis, type KpiEngine } from './kpi-audit';

interface KpiOptions {
  events: string;
  at: number;
  config?: string;
  tenant?: string;
  scope: Scope;
  engine: KpiEngine;
}

const instant = (value: string): number => {
  if (!isRfc3339(value))
    throw new InvalidArgumentError('expected an RFC 3339 time such as 2026-11-24T15:30:00+09:00');
  return Date.parse(value);
};

const scope = (value: string): Scope => {
  const parsed = scopeSchema.safeParse(value);
  if (!parsed.success)
    throw new InvalidArgumentError('expected tenant, or queue:X, campaign:X, team:X or agent:X');
  return parsed.data;
};

const engine = (value: string): KpiEngine => {
  if (value !== 'live' && value !== 'sql') throw new InvalidArgumentError('expected live or sql');
  return value;
};

export function registerKpi(program: Command): void {
  program
    .command('kpi')
    .description(
      'print the KPI snapshot of docs/kpis.md for a file of events, as of a given time (an audit)',
    )
    .requiredOption('--events <file>', 'canonical events: NDJSON or a JSON array')
    .requiredOption('--at <time>', '"now" for the computation (and the receiving clock)', instant)
    .option('--config <file>', 'tenant settings JSON (default: the documented defaults)')
    .option('--tenant <id>', 'tenant to compute (default: the only one configured, or default)')
    .option('--scope <scope>', 'tenant, queue:X, campaign:X, team:X or agent:X', scope, 'tenant')
    .option('--engine <engine>', 'live (in-memory fold) or sql (ClickHouse)', engine, 'live')
    .action(async (options: KpiOptions) => {
      const tenants = options.config
        ? TenantDirectory.fromFile(options.config, '--config')
        : new TenantDirectory([]);
      const configured = tenants.configuredIds();
      const tenant = options.tenant ?? (configured.length === 1 ? configured[0] : undefined);
      const text = readText(options.events);
      const result = await auditKpis({
        text,
        at: options.at,
        tenant: tenant ?? 'default',
        scope: options.scope,
        engine: options.engine,
        tenants,
      });
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    });
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`--events ${file}: ${(error as NodeJS.ErrnoException).message}`);
  }
}
