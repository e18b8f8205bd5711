import {
  intakeEvents,
  parseSettingsFile,
  splitEventBatch,
  type Intake,
  type Scope,
  type TenantSettings,
} from '@mieruka/contracts';
import {
  SCENARIOS,
  scenarioCases,
  scenarioConfig,
  scenarioEvents,
  scenarioExpected,
  type ScenarioCase,
  type ScenarioName,
} from './scenarios';

export interface GoldenCase {
  readonly scenario: ScenarioName;
  readonly case: ScenarioCase;
  readonly at: number;
  readonly scope: Scope;
  readonly settings: TenantSettings;
  /** What `mieruka kpi` takes from the file with the receiving clock at `at`. */
  readonly intake: Intake;
  readonly expected: Record<string, unknown>;
}

/** Every case of every golden scenario, with its input taken as the CLI takes it. */
export function goldenCases(): GoldenCase[] {
  return SCENARIOS.flatMap((scenario) => {
    const items = splitEventBatch(scenarioEvents(scenario));
    const [settings] = parseSettingsFile(scenarioConfig(scenario));
    return scenarioCases(scenario).map((c) => {
      const at = Date.parse(c.at);
      return {
        scenario,
        case: c,
        at,
        scope: c.scope ?? 'tenant',
        settings: settings!,
        intake: intakeEvents(items, {
          receivedAt: at,
          currencyOf: () => settings!.tenant.currency,
        }),
        expected: scenarioExpected(scenario, c.name),
      };
    });
  });
}

/**
 * The comparison rules of the scenarios' README: every expected key present with the same
 * value (extra keys ignored); integers equal; other numbers within an absolute 1e-6 or a
 * relative 1e-9, whichever is larger; null only as null. Returns the differences.
 */
export function differences(expected: unknown, actual: unknown, path = ''): string[] {
  if (expected === null || typeof expected !== 'object') {
    if (typeof expected === 'number' && typeof actual === 'number') {
      if (Number.isInteger(expected) && Number.isInteger(actual) && expected === actual) return [];
      const tolerance = Math.max(1e-6, Math.abs(expected) * 1e-9);
      return Math.abs(expected - actual) <= tolerance
        ? []
        : [`${path}: expected ${expected}, got ${actual}`];
    }
    return expected === actual
      ? []
      : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
  }
  if (actual === null || typeof actual !== 'object')
    return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      return [
        `${path}: expected ${expected.length} items, got ${Array.isArray(actual) ? actual.length : 'none'}`,
      ];
    }
    return expected.flatMap((e, i) => differences(e, actual[i], `${path}[${i}]`));
  }
  const exp = expected as Record<string, unknown>;
  const act = actual as Record<string, unknown>;
  // A breakdown is compared whole: an outcome or disposition too many is a difference.
  const keys =
    path.endsWith('.dispositions') || path.endsWith('.dialOutcomes')
      ? new Set([...Object.keys(exp), ...Object.keys(act)])
      : Object.keys(exp);
  return [...keys].flatMap((key) =>
    key in act ? differences(exp[key], act[key], `${path}.${key}`) : [`${path}.${key}: missing`],
  );
}
