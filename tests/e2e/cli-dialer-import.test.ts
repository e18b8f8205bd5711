import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { KpiSnapshot } from '@mieruka/contracts';

const run = promisify(execFile);
const bin = join(__dirname, '..', '..', 'bin', 'mieruka.js');
const fixtures = join(__dirname, '..', 'fixtures', 'adapters', 'vicidial');
const work = mkdtempSync(join(tmpdir(), 'mieruka-dialer-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function mieruka(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [bin, ...args], { maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

/** `mieruka import` of a fixture through its mapping, printed as NDJSON (no API needed). */
async function imported(csv: string, mapping: string): Promise<string> {
  copyFileSync(join(fixtures, csv), join(work, csv));
  return mieruka('import', join(work, csv), '--format', 'csv', '--map', join(fixtures, mapping));
}

// A dialer's own export, as a centre would feed it: VICIdial's call log and list loads
// (tests/fixtures/adapters/vicidial, README), imported and then audited with `mieruka kpi` on
// both engines. By hand (as libs/adapters/src/csv/vicidial.spec.ts): 12 dials, 9 failed —
// no answer 2, busy 1, 現アナ 2, machine 2, fax 1, other 1 — 3 connected; list 1001 60
// registered, 9 worked in 10 attempts, 2 contacted; list 1002 20 registered, 2 worked, 1
// contacted.
describe('a VICIdial export through mieruka import and mieruka kpi', () => {
  it.each(['live', 'sql'])(
    'gives campaign TELEAPO its dial outcomes and list progress with --engine %s',
    async (engine) => {
      const events = join(work, `events-${engine}.ndjson`);
      const loads = await imported('list-loads.csv', 'list-loads.mapping.json');
      const log = await imported('vicidial_log.csv', 'vicidial_log.mapping.json');
      writeFileSync(events, loads + log);
      const printed = JSON.parse(
        await mieruka(
          'kpi',
          '--events',
          events,
          '--at',
          '2026-12-01T13:00:00+09:00',
          '--scope',
          'campaign:TELEAPO',
          '--engine',
          engine,
        ),
      ) as KpiSnapshot;
      // 3 loads + 12 dials + 12 endings; the INCALL row was a reject of the import, not here.
      expect(printed.ingest).toEqual({ accepted: 27, duplicates: 0, rejected: 0 });
      expect(printed.windows.today.dialed).toBe(12);
      expect(printed.windows.today.failedDials).toBe(9);
      expect(printed.windows.today.dialOutcomes).toEqual({
        no_answer: 2,
        busy: 1,
        invalid_number: 2,
        answering_machine: 2,
        fax: 1,
        other: 1,
        connected: 3,
      });
      expect(
        printed.lists.map((l) => [l.listId, l.registered, l.worked, l.attempts, l.contacted]),
      ).toEqual([
        ['1001', 60, 9, 10, 2],
        ['1002', 20, 2, 2, 1],
      ]);
    },
    120_000,
  );
});
