import { envSchema } from './env';

/**
 * The names of the settings, and the `MIERUKA_*` variables a start does not know. The schema
 * ignores an unknown name, so a typo (`MIERUKA_SIMULATOR_SPED=60`) would silently leave the
 * default in force: the API warns at start instead, naming the nearest setting. Only names are
 * ever reported, never a value — a misspelt `MIERUKA_SESION_SECRET` is still a secret.
 */

/** Every setting the server reads, in the schema's order. */
export const SETTING_NAMES: readonly string[] = /* @__PURE__ */ Object.keys(envSchema.shape);

/**
 * `MIERUKA_*` variables read by the tooling, not by the server (each with where it is read),
 * so a test or script run that passes them on to a started API does not warn about them.
 */
export const TOOLING_VARIABLES: Readonly<Record<string, string>> = {
  MIERUKA_CHROMIUM: 'tests/support/browser.ts',
  MIERUKA_HTTP_PORTS: 'docker-compose.yml',
  MIERUKA_KAFKA_CACHE: 'scripts/kafka-local.js',
  MIERUKA_KAFKA_CONTROLLER_PORT: 'scripts/kafka-local.js',
  MIERUKA_KAFKA_DIR: 'scripts/kafka-local.js',
  MIERUKA_KAFKA_HEAP: 'scripts/kafka-local.js',
  MIERUKA_KAFKA_PORT: 'scripts/kafka-local.js',
  MIERUKA_KAFKA_SASL_SSL_PORT: 'scripts/kafka-local.js',
  MIERUKA_KAFKA_SSL_PORT: 'scripts/kafka-local.js',
  MIERUKA_KAFKA_TIMEOUT_MS: 'scripts/kafka-local.js',
  MIERUKA_KAFKA_VERSION: 'scripts/kafka-local.js',
  MIERUKA_TEST_CLICKHOUSE_PASSWORD: 'tests/support/clickhouse-http/use-server.ts',
  MIERUKA_TEST_CLICKHOUSE_URL: 'tests/support/clickhouse-http/use-server.ts',
  MIERUKA_TEST_CLICKHOUSE_USER: 'tests/support/clickhouse-http/use-server.ts',
  MIERUKA_TEST_CLOCK_SHIFT_MS: 'scripts/clock-shift.js',
};

/**
 * Settings that are gone, each with what to do instead: a start that still sets one is told
 * so, rather than offered a look-alike.
 */
export const RETIRED_SETTINGS: Readonly<Record<string, string>> = {
  MIERUKA_SIMULATOR_SPEED:
    'it never had an effect — the built-in simulator follows the clock; MIERUKA_SIMULATOR_RATE sets its volume, and `npx mieruka simulate --speed` replays faster',
};

/**
 * Edits (insert, delete, replace, swap two neighbours) from `a` to `b`: the optimal string
 * alignment distance, the Damerau–Levenshtein variant in which no part is edited twice.
 */
export function editDistance(a: string, b: string): number {
  // Three rows of the table: two back (for a swap), the last, and the one being filled.
  let older: number[] = [];
  let last = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(last[j]! + 1, row[j - 1]! + 1, last[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, older[j - 2]! + 1);
      }
      row.push(d);
    }
    older = last;
    last = row;
  }
  return last[b.length]!;
}

/** The words of a name after the prefix, in order (`MIERUKA_SIMULATOR_RATE` → SIMULATOR, RATE). */
const words = (name: string) =>
  name
    .toUpperCase()
    .replace(/^MIERUKA_/, '')
    .split('_');

/**
 * The known names `name` most likely meant (none when none is close): the same name in other
 * letter case, the same words in another order, or else every name at the fewest edits — at
 * most a third of the name after `MIERUKA_` (at least 2), so `MIERUKA_FOO` is not taken for
 * `MIERUKA_HOST`. A tie names them all: `MIERUKA_KAFKA_CONSUMES` is one edit from both
 * `_CONSUMER` and `_CONSUMERS`, and which was meant is the reader's call.
 */
export function nearestNames(name: string, known: readonly string[]): string[] {
  const upper = name.toUpperCase();
  if (known.includes(upper)) return [upper];
  const sorted = words(name).sort().join('_');
  const reordered = known.filter((k) => words(k).sort().join('_') === sorted);
  if (reordered.length > 0) return reordered;
  let best: string[] = [];
  let bestDistance = Math.max(2, Math.floor(words(name).join('_').length / 3));
  for (const k of known) {
    const d = editDistance(upper, k);
    if (d < bestDistance) [best, bestDistance] = [[k], d];
    else if (d === bestDistance) best.push(k);
  }
  return best.sort();
}

export interface UnknownSetting {
  /** The variable's name as set (never its value). */
  name: string;
  /** The settings it most likely meant (one, several at the same distance, or none). */
  nearest: string[];
  /** One line for the log: the name, the suggestion, and that the variable is ignored. */
  message: string;
}

/**
 * The environment's `MIERUKA_*` variables (in any letter case) that are neither a setting nor
 * a tooling variable, sorted by name. Reads names only; a value is never looked at.
 */
export function unknownSettings(env: Record<string, string | undefined>): UnknownSetting[] {
  const known = new Set([...SETTING_NAMES, ...Object.keys(TOOLING_VARIABLES)]);
  return Object.keys(env)
    .filter((name) => name.toUpperCase().startsWith('MIERUKA_') && !known.has(name))
    .sort()
    .map((name) => {
      const retired = RETIRED_SETTINGS[name.toUpperCase()];
      if (retired !== undefined) {
        return { name, nearest: [], message: `${name} is no longer a Mieruka setting: ${retired}` };
      }
      const nearest = nearestNames(name, [...known]);
      const hint = nearest.length > 0 ? ` — did you mean ${nearest.join(' or ')}?` : '';
      return {
        name,
        nearest,
        message: `${name} is not a Mieruka setting and is ignored${hint} (settings: docs/settings.md)`,
      };
    });
}
