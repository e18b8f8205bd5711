import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  RETIRED_SETTINGS,
  SETTING_NAMES,
  TOOLING_VARIABLES,
  editDistance,
  nearestNames,
  unknownSettings,
} from './env-names';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['SPEED', 'SPEED', 0],
    ['SPED', 'SPEED', 1], // a letter left out
    ['SPEEED', 'SPEED', 1], // one too many
    ['SPEAD', 'SPEED', 1], // one wrong
    ['SEPED', 'SPEED', 1], // two neighbours swapped: one edit, not two
    ['kitten', 'sitting', 3],
    ['CA', 'ABC', 3], // the restricted variant: no edit of a swapped pair
  ])('%s → %s is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('nearestNames', () => {
  it('finds the setting a typo meant', () => {
    expect(nearestNames('MIERUKA_SIMULATOR_RATTE', SETTING_NAMES)).toEqual([
      'MIERUKA_SIMULATOR_RATE',
    ]);
    expect(nearestNames('MIERUKA_SESION_SECRET', SETTING_NAMES)).toEqual([
      'MIERUKA_SESSION_SECRET',
    ]);
    expect(nearestNames('MIERUKA_CLICKHOSUE_URL', SETTING_NAMES)).toEqual([
      'MIERUKA_CLICKHOUSE_URL',
    ]);
    expect(nearestNames('MIERUKA_KAFKA_BROKER', SETTING_NAMES)).toEqual(['MIERUKA_KAFKA_BROKERS']);
  });

  it('knows a setting in the wrong letter case or with its words in another order', () => {
    expect(nearestNames('mieruka_port', SETTING_NAMES)).toEqual(['MIERUKA_PORT']);
    expect(nearestNames('MIERUKA_RATE_SIMULATOR', SETTING_NAMES)).toEqual([
      'MIERUKA_SIMULATOR_RATE',
    ]);
  });

  it('names every setting at the same distance', () => {
    expect(nearestNames('MIERUKA_KAFKA_CONSUMES', SETTING_NAMES)).toEqual([
      'MIERUKA_KAFKA_CONSUMER',
      'MIERUKA_KAFKA_CONSUMERS',
    ]);
  });

  it('suggests nothing when no setting is close', () => {
    expect(nearestNames('MIERUKA_FOO', SETTING_NAMES)).toEqual([]);
    expect(nearestNames('MIERUKA_TOTALLY_DIFFERENT', SETTING_NAMES)).toEqual([]);
  });
});

describe('unknownSettings', () => {
  it('reports each unknown MIERUKA_ name with the nearest setting, and nothing else', () => {
    expect(
      unknownSettings({
        MIERUKA_PORT: '8080',
        MIERUKA_KAFKA_CONSUMES: '4',
        MIERUKA_FOO: 'x',
        MIERUKA_TEST_CLOCK_SHIFT_MS: '0',
        PATH: '/usr/bin',
        NODE_ENV: 'production',
      }),
    ).toEqual([
      {
        name: 'MIERUKA_FOO',
        nearest: [],
        message: 'MIERUKA_FOO is not a Mieruka setting and is ignored (settings: docs/settings.md)',
      },
      {
        name: 'MIERUKA_KAFKA_CONSUMES',
        nearest: ['MIERUKA_KAFKA_CONSUMER', 'MIERUKA_KAFKA_CONSUMERS'],
        message:
          'MIERUKA_KAFKA_CONSUMES is not a Mieruka setting and is ignored — did you mean MIERUKA_KAFKA_CONSUMER or MIERUKA_KAFKA_CONSUMERS? (settings: docs/settings.md)',
      },
    ]);
  });

  it('says a retired setting is gone and what to use instead, rather than a look-alike', () => {
    expect(unknownSettings({ MIERUKA_SIMULATOR_SPEED: '10' })).toEqual([
      {
        name: 'MIERUKA_SIMULATOR_SPEED',
        nearest: [],
        message: `MIERUKA_SIMULATOR_SPEED is no longer a Mieruka setting: ${RETIRED_SETTINGS.MIERUKA_SIMULATOR_SPEED}`,
      },
    ]);
    for (const name of Object.keys(RETIRED_SETTINGS)) expect(SETTING_NAMES).not.toContain(name);
  });

  it('reports nothing for a clean environment', () => {
    expect(unknownSettings({ MIERUKA_PORT: '1', HOME: '/root' })).toEqual([]);
    expect(unknownSettings(Object.fromEntries(SETTING_NAMES.map((n) => [n, 'x'])))).toEqual([]);
  });

  it('never carries a value, even one that looks like a name', () => {
    const secret = 'MIERUKA_SESSION_SECRET-hunter2-0123456789abcdef0123456789';
    const found = unknownSettings({
      MIERUKA_SESION_SECRET: secret,
      mieruka_admin_password: secret,
    });
    expect(found.map((u) => u.nearest)).toEqual([
      ['MIERUKA_SESSION_SECRET'],
      ['MIERUKA_ADMIN_PASSWORD'],
    ]);
    expect(JSON.stringify(found)).not.toContain('hunter2');
  });
});

/** Every `MIERUKA_*` name the repository's tooling reads: in the schema, or listed as tooling. */
describe('TOOLING_VARIABLES', () => {
  const root = join(__dirname, '../../..');
  const files = (dir: string): string[] =>
    readdirSync(join(root, dir)).flatMap((entry) => {
      const path = join(dir, entry);
      if (entry === 'node_modules') return [];
      if (statSync(join(root, path)).isDirectory()) return files(path);
      return /\.(ts|js|mjs|ya?ml)$/.test(entry) && !entry.endsWith('.spec.ts') ? [path] : [];
    });

  it('lists every variable the scripts, tests and compose file read that is not a setting', () => {
    const read = new Set<string>();
    for (const file of [...files('scripts'), ...files('tests'), 'docker-compose.yml']) {
      for (const [name] of readFileSync(join(root, file), 'utf8').matchAll(
        /MIERUKA_[A-Z0-9_]*[A-Z0-9]/g,
      )) {
        read.add(name);
      }
    }
    const settings = new Set(SETTING_NAMES);
    // The npm start test sets this typo on purpose, to see the warning name the right one.
    const deliberateTypos = new Set(['MIERUKA_SESION_SECRET']);
    const unknown = [...read].filter(
      (n) => !settings.has(n) && !(n in TOOLING_VARIABLES) && !deliberateTypos.has(n),
    );
    expect(unknown.sort()).toEqual([]);
  });

  it('says where each is read, and none is a setting', () => {
    for (const [name, file] of Object.entries(TOOLING_VARIABLES)) {
      expect(SETTING_NAMES).not.toContain(name);
      expect(readFileSync(join(root, file), 'utf8')).toContain(name);
    }
  });
});
