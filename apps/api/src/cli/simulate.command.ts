import { InvalidArgumentError, type Command } from 'commander';
import { isRfc3339, type CallEvent, type IngestResponse } from '@mieruka/contracts';
import { startOfLocalDay } from '@mieruka/kpi';
import { createSimulation, toNdjson } from '@mieruka/simulator';

interface SimulateOptions {
  from?: number;
  to?: number;
  seed: number;
  rate: number;
  tenant: string;
  timezone: string;
  currency: string;
  post?: string;
  key?: string;
  follow: boolean;
  speed?: number;
  batch: number;
}

const instant = (value: string): number => {
  if (!isRfc3339(value))
    throw new InvalidArgumentError('expected an RFC 3339 time such as 2026-11-24T09:00:00+09:00');
  return Date.parse(value);
};
const number = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError('expected a number greater than 0');
  return n;
};

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description(
      'generate realistic call-centre traffic: print NDJSON, or post it to a running API',
    )
    .option('--from <time>', 'start of simulated time (default: local midnight today)', instant)
    .option('--to <time>', 'end of simulated time (default: now)', instant)
    .option(
      '--seed <n>',
      'random seed: the same seed gives the same events',
      (v) => Math.trunc(number(v)),
      1,
    )
    .option('--rate <x>', 'multiplier on call arrivals and dialling', number, 1)
    .option('--tenant <id>', 'tenant of the events', 'default')
    .option('--timezone <zone>', "the tenant's IANA time zone", 'Asia/Tokyo')
    .option('--currency <code>', "the tenant's currency", 'JPY')
    .option('--post <url>', 'post to this API (e.g. http://localhost:3000) instead of printing')
    .option('--key <key>', 'ingest key for --post')
    .option('--follow', 'with --post: after catching up, keep posting in real time', false)
    .option(
      '--speed <x>',
      'with --post: simulated seconds per real second while catching up (default: as fast as possible)',
      number,
    )
    .option('--batch <n>', 'events per request with --post', (v) => Math.trunc(number(v)), 2000)
    .action(async (options: SimulateOptions) => {
      const now = Date.now();
      const from = options.from ?? startOfLocalDay(now, options.timezone);
      const to = options.to ?? now;
      const simulation = createSimulation({
        seed: options.seed,
        tenant: options.tenant,
        timezone: options.timezone,
        currency: options.currency,
        start: from,
        rate: options.rate,
      });
      if (!options.post) {
        process.stdout.write(toNdjson(simulation.advance(to)));
        return;
      }
      if (!options.key) throw new Error('--post needs --key (an ingest key of that API)');
      await postSimulation(simulation, {
        ...options,
        post: options.post,
        key: options.key,
        from,
        to,
      });
    });
}

async function postSimulation(
  simulation: ReturnType<typeof createSimulation>,
  options: SimulateOptions & { post: string; key: string; from: number; to: number },
): Promise<void> {
  const url = new URL('/api/v1/events', options.post).toString();
  const totals = { accepted: 0, duplicates: 0, rejected: 0 };
  const started = Date.now();
  const send = async (events: readonly CallEvent[]) => {
    for (let i = 0; i < events.length; i += options.batch) {
      const body = toNdjson(events.slice(i, i + options.batch));
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.key}`, 'content-type': 'application/x-ndjson' },
        body,
      });
      if (!response.ok)
        throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
      const answer = (await response.json()) as IngestResponse;
      totals.accepted += answer.accepted;
      totals.duplicates += answer.duplicates;
      totals.rejected += answer.rejected;
      process.stderr.write(
        `\rsimulated to ${new Date(simulation.now).toISOString()}  accepted ${totals.accepted}  duplicates ${totals.duplicates}  rejected ${totals.rejected}`,
      );
    }
  };
  // Catch up to --to (never past the real clock: the API refuses events from the future).
  const step = 60_000;
  for (let t = options.from; t < options.to; t += step) {
    const until = Math.min(t + step, options.to, Date.now());
    await send(simulation.advance(until));
    if (options.speed) {
      const due = started + (until - options.from) / options.speed;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    }
  }
  while (options.follow) {
    await new Promise((r) => setTimeout(r, 1000));
    await send(simulation.advance(Date.now()));
  }
  process.stderr.write('\n');
}
