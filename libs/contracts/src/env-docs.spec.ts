import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from './env';
import { SETTING_NAMES } from './env-names';

/**
 * docs/settings.md against the schema, in the manner of Renovate's documentation test: the page
 * lists each setting once, lists nothing else, and shows each default the schema gives.
 */
const page = readFileSync(join(__dirname, '../../../docs/settings.md'), 'utf8');

/** Each table row whose first cell is a `MIERUKA_*` name: [name, default cell]. */
const rows = [...page.matchAll(/^\| `(MIERUKA_[A-Z0-9_]+)` +\| ([^|]*)\|/gm)].map(
  ([, name, defaultCell]) => [name!, defaultCell!.trim()] as const,
);
const documented = rows.map(([name]) => name);

/** How the page writes a default: `on`/`off` for flags, lists comma separated. */
function shown(value: unknown): string | undefined {
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (Array.isArray(value)) return value.length > 0 ? value.join(',') : undefined;
  return undefined; // no default (optional), or a map
}

describe('docs/settings.md', () => {
  it('documents every setting of the schema', () => {
    expect(SETTING_NAMES.filter((name) => !documented.includes(name))).toEqual([]);
  });

  it('documents no MIERUKA_ name the schema does not know, and each name once', () => {
    expect(documented.filter((name) => !SETTING_NAMES.includes(name))).toEqual([]);
    expect(documented.filter((name, i) => documented.indexOf(name) !== i)).toEqual([]);
  });

  it('shows the default the schema gives', () => {
    const defaults = parseEnv({}) as Record<string, unknown>;
    const wrong = rows.flatMap(([name, cell]) => {
      const value = shown(defaults[name]);
      return value === undefined || cell.includes(`\`${value}\``) ? [] : [`${name}: ${value}`];
    });
    expect(wrong).toEqual([]);
  });

  it('reads a table row per setting (the check above is not vacuous)', () => {
    expect(rows.length).toBeGreaterThan(60);
  });
});
