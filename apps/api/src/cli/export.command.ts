import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { eventExportQuerySchema, type Env } from '@mieruka/contracts';
import { EventExport, createStoreClient, migrate } from '@mieruka/store';
import { storeOptions } from '../store/store-options';

interface ExportOptions {
  from: string;
  to: string;
  tenant: string;
  scope: string;
  out?: string;
}

/**
 * `mieruka export --from T --to T [--scope S] [--out FILE]`: the stored events behind a number
 * as NDJSON, each once in arrival order (what `GET /api/v1/events` answers), read from the
 * store the settings name, for `mieruka kpi --events` to recompute the number. Progress goes
 * to standard error a page at a time, so standard output stays the file.
 */
export function registerExport(program: Command, settings: () => Env): void {
  program
    .command('export')
    .description('write the stored events of a range and scope as NDJSON, for mieruka kpi')
    .requiredOption('--from <time>', 'start, inclusive (RFC 3339, e.g. 2026-11-24T00:00:00+09:00)')
    .requiredOption('--to <time>', 'end, exclusive (at most 31 days after --from)')
    .option('--tenant <id>', 'the tenant', 'default')
    .option('--scope <scope>', 'tenant, queue:X, campaign:X, team:X or agent:X', 'tenant')
    .option('--out <file>', 'write here instead of standard output')
    .action(async (options: ExportOptions) => {
      const parsed = eventExportQuerySchema.safeParse(options);
      if (!parsed.success) {
        throw new Error(
          parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '),
        );
      }
      const query = parsed.data;
      const store = createStoreClient(storeOptions(settings()));
      try {
        await migrate(store);
        const { total, pages } = await new EventExport(store).open({
          tenant: query.tenant,
          scope: query.scope,
          from: Date.parse(query.from),
          to: Date.parse(query.to),
        });
        const out = options.out ? createWriteStream(options.out) : process.stdout;
        let written = 0;
        for await (const lines of pages) {
          if (lines.length === 0) continue;
          await write(out, `${lines.join('\n')}\n`);
          written += lines.length;
          process.stderr.write(`exported ${written} of ${total} events\n`);
        }
        if (options.out) {
          out.end();
          await once(out, 'finish');
        }
        process.stderr.write(
          `exported ${written} events of ${query.tenant}, ${query.scope}, ` +
            `${query.from} to ${query.to}${options.out ? ` to ${options.out}` : ''}\n`,
        );
      } finally {
        await store.close();
      }
    });
}

/** Writes a chunk, waiting while the destination's buffer is full (a slow disk or pipe). */
async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}
