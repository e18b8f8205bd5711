import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * The golden scenarios: 001–004 copied from the shared spec into tests/fixtures/scenarios,
 * 005, 006 and 007 worked by hand here for the v2 abandon reasons, order integrity and the
 * outbound floor's lists.
 */
export const SCENARIOS = [
  '001-hand',
  '002-day-tokyo',
  '003-dst-new-york',
  '004-month-kgi',
  '005-abandon-reasons',
  '006-order-integrity',
  '007-outbound-lists',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface ScenarioCase {
  readonly name: string;
  readonly at: string;
  readonly scope?: string;
  readonly tenant?: string;
}

const root = join(__dirname, '..', 'fixtures', 'scenarios');

export function scenarioEvents(name: ScenarioName): string {
  return gunzipSync(readFileSync(join(root, name, 'events.ndjson.gz'))).toString('utf8');
}

export function scenarioConfig(name: ScenarioName): unknown {
  return JSON.parse(readFileSync(join(root, name, 'config.json'), 'utf8'));
}

export function scenarioCases(name: ScenarioName): ScenarioCase[] {
  return JSON.parse(readFileSync(join(root, name, 'cases.json'), 'utf8')) as ScenarioCase[];
}

export function scenarioExpected(name: ScenarioName, caseName: string): Record<string, unknown> {
  return JSON.parse(
    readFileSync(join(root, name, 'expected', `${caseName}.json`), 'utf8'),
  ) as Record<string, unknown>;
}
