import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { KpiSnapshot } from '@mieruka/contracts';
import { differences } from '../support/golden';
import {
  scenarioCases,
  scenarioConfig,
  scenarioEvents,
  scenarioExpected,
  type ScenarioName,
} from '../support/scenarios';

const run = promisify(execFile);
const bin = join(__dirname, '..', '..', 'bin', 'mieruka.js');
const work = mkdtempSync(join(tmpdir(), 'mieruka-cli-kpi-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Writes a scenario's files where the CLI can read them, as a user would have them. */
function scenarioFiles(name: ScenarioName): { events: string; config: string } {
  const events = join(work, `${name}.ndjson`);
  const config = join(work, `${name}.json`);
  writeFileSync(events, scenarioEvents(name));
  writeFileSync(config, JSON.stringify(scenarioConfig(name)));
  return { events, config };
}

async function kpi(...args: string[]): Promise<unknown> {
  const { stdout } = await run(process.execPath, [bin, 'kpi', ...args]);
  return JSON.parse(stdout) as unknown;
}

// The engines themselves are checked on every golden case by their own specs; this checks the
// command around them: file reading, settings, tenant and scope choice, the ingest counts.
describe('npx mieruka kpi', () => {
  const cases: [ScenarioName, string][] = [
    ['001-hand', 'morning-team-blue'],
    ['003-dst-new-york', 'second-1-30'],
    ['006-order-integrity', 'afternoon'],
    ['006-order-integrity', 'afternoon-a1'],
    ['007-outbound-lists', 'morning-teleapo'],
    ['007-outbound-lists', 'afternoon'],
  ];

  it.each(cases.flatMap(([s, c]) => ['live', 'sql'].map((e) => [s, c, e] as const)))(
    '%s %s with --engine %s prints the expected snapshot',
    async (scenario, caseName, engine) => {
      const files = scenarioFiles(scenario);
      const golden = scenarioCases(scenario).find((c) => c.name === caseName)!;
      const args = ['--events', files.events, '--config', files.config, '--at', golden.at];
      if (golden.scope) args.push('--scope', golden.scope);
      if (golden.tenant) args.push('--tenant', golden.tenant);
      const printed = await kpi(...args, '--engine', engine);
      expect(differences(scenarioExpected(scenario, caseName), printed)).toEqual([]);
    },
    60_000,
  );

  it('prints the same order book and order counts on both engines for every order case', async () => {
    const files = scenarioFiles('006-order-integrity');
    for (const golden of scenarioCases('006-order-integrity')) {
      const args = ['--events', files.events, '--config', files.config, '--at', golden.at];
      if (golden.scope) args.push('--scope', golden.scope);
      const [live, sql] = (await Promise.all([
        kpi(...args, '--engine', 'live'),
        kpi(...args, '--engine', 'sql'),
      ])) as KpiSnapshot[];
      expect([golden.name, live!.orders]).toEqual([golden.name, sql!.orders]);
      expect([golden.name, differences(live!.windows, sql!.windows)]).toEqual([golden.name, []]);
      expect(live!.orders.stuckList.length).toBeGreaterThan(0);
    }
  }, 180_000);

  it('prints the same lists, dial outcomes and scoped KGIs on both engines for every list case', async () => {
    const files = scenarioFiles('007-outbound-lists');
    for (const golden of scenarioCases('007-outbound-lists')) {
      const args = ['--events', files.events, '--config', files.config, '--at', golden.at];
      if (golden.scope) args.push('--scope', golden.scope);
      const [live, sql] = (await Promise.all([
        kpi(...args, '--engine', 'live'),
        kpi(...args, '--engine', 'sql'),
      ])) as KpiSnapshot[];
      expect([golden.name, live!.lists]).toEqual([golden.name, sql!.lists]);
      expect([golden.name, live!.kgis]).toEqual([golden.name, sql!.kgis]);
      expect([golden.name, differences(live!.windows, sql!.windows)]).toEqual([golden.name, []]);
      expect(live!.windows.today.dialOutcomes.connected).toBeGreaterThan(0);
    }
  }, 180_000);

  it('explains a bad --at, scope or engine, and a missing file', async () => {
    const files = scenarioFiles('001-hand');
    const attempt = (...args: string[]) => run(process.execPath, [bin, 'kpi', ...args]);
    await expect(attempt('--events', files.events, '--at', 'noon')).rejects.toMatchObject({
      stderr: expect.stringContaining('expected an RFC 3339 time'),
    });
    await expect(
      attempt('--events', files.events, '--at', '2026-11-24T10:00:00Z', '--scope', 'floor:3'),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('expected tenant, or queue:X') });
    await expect(
      attempt('--events', files.events, '--at', '2026-11-24T10:00:00Z', '--engine', 'excel'),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('expected live or sql') });
    await expect(
      attempt('--events', join(work, 'nope.ndjson'), '--at', '2026-11-24T10:00:00Z'),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('nope.ndjson: ENOENT') });
  }, 60_000);
});
