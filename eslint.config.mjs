// Type-checked ESLint for the TypeScript and Vue sources; Prettier owns formatting. The
// boundaries of ARCHITECTURE.md ("Boundaries the lint enforces") are rules here, so a crossing
// fails `npm run lint` rather than waiting for a reviewer.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import vue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';

const WALL_CLOCK =
  'the wall clock: pick the instant (startTestApp({ at }), processClock), use performance.now() for elapsed time, or wallClock() from tests/support/clock.ts where the real "now" is meant';

// ── Boundaries ───────────────────────────────────────────────────────────────────────────

/** Frameworks and transports: the apps' shells use them, the libraries never do. */
const FRAMEWORKS = [
  '@nestjs/*',
  'express',
  'helmet',
  'socket.io',
  'socket.io-*',
  '@socket.io/*',
  'kafkajs',
  'redis',
  'vue',
  'vue-*',
  '@vue/*',
  'echarts',
  'echarts/*',
  'nestjs-pino',
  'pino',
  'pino-http',
  'prom-client',
];

/** The libraries' sub-entry points, each documented where it is offered (ARCHITECTURE.md). */
const SUB_ENTRIES = ['contracts/kpi-catalogue', 'contracts/values', 'kpi/patch', 'store/testing'];

/** Past a library's index: `@mieruka/x/src/…`, an undocumented `@mieruka/x/y`, `…/libs/x/…`. */
const PAST_THE_INDEX = [
  {
    regex: `^@mieruka/(?!(${SUB_ENTRIES.join('|')})$)[^/]+/.+`,
    message:
      'a library is used through its index (@mieruka/x) or a documented sub-entry point (eslint.config.mjs, SUB_ENTRIES; ARCHITECTURE.md), never its files',
  },
  {
    regex: '(^|/)libs/[^/]+(/|$)',
    message: 'import the library by its name (@mieruka/x), not by a path into libs/',
  },
];

const NOT_CLICKHOUSE = {
  group: ['@clickhouse/*', 'chdb', 'chdb/*'],
  message: 'only libs/store talks to ClickHouse',
};

const NOT_NODE = {
  group: ['node:*'],
  message: 'the KPI maths and the contracts run in the browser too: no Node built-ins',
};

/**
 * A library's imports: no framework, nothing past another library's index, and `more`. One
 * rule setting per file wins in a flat config, so each block below states the whole list.
 */
const libraryImports = (...more) => [
  'error',
  {
    patterns: [
      {
        group: FRAMEWORKS,
        message: 'a library is framework-free: the apps are the shells around it',
      },
      ...more,
      ...PAST_THE_INDEX,
    ],
  },
];

const ENV_READ = {
  object: 'process',
  property: 'env',
  message:
    'settings come from the one env schema, read at the entry points (apps/api/src/main.ts, apps/api/src/cli/main.ts) and passed in: take them as an argument',
};

const ZOD_IN_THE_BUNDLE =
  'the wallboard bundles this: zod must not reach the browser. From @mieruka/contracts take types only (import type); run-time values come from its zod-free sub-entry points @mieruka/contracts/values and @mieruka/contracts/kpi-catalogue';

export default tseslint.config(
  {
    // Build and tool configs (scripts, jest, vite) are plain JavaScript or outside every tsconfig.
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'coverage/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.mts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      // `const { dropped: _dropped, ...rest } = x` is how a key is left out.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { varsIgnorePattern: '^_', argsIgnorePattern: '^_' },
      ],
    },
  },
  // The wallboard's single-file components: Vue's own rules, the script blocks parsed and
  // type-checked as TypeScript with the wallboard's tsconfig.
  ...vue.configs['flat/essential'],
  {
    files: ['**/*.vue'],
    languageOptions: {
      parserOptions: {
        parser: tseslint.parser,
        extraFileExtensions: ['.vue'],
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    // TypeScript (vue-tsc) checks names; this rule knows neither the DOM's nor the type's.
    rules: { 'no-undef': 'off' },
  },
  {
    // Libraries are pure: no framework, no transport, no environment (their callers hand them
    // what they need). Only the store talks to ClickHouse.
    files: ['libs/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': libraryImports(),
      'no-restricted-properties': ['error', ENV_READ],
    },
  },
  {
    files: ['libs/**/*.ts'],
    ignores: ['**/*.spec.ts', 'libs/store/**'],
    rules: {
      'no-restricted-imports': libraryImports(NOT_CLICKHOUSE),
    },
  },
  {
    // The KPI maths and the contracts run anywhere, the browser included: no Node built-ins.
    files: ['libs/kpi/**/*.ts', 'libs/contracts/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing.ts'],
    rules: {
      'no-restricted-imports': libraryImports(NOT_CLICKHOUSE, NOT_NODE),
    },
  },
  {
    // The library files the wallboard bundles: nothing but types may come along with them.
    files: [
      'libs/contracts/src/values.ts',
      'libs/contracts/src/kpi-catalogue.ts',
      'libs/kpi/src/patch.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '.', allowTypeImports: true, message: ZOD_IN_THE_BUNDLE }] },
      ],
    },
  },
  {
    // The API: libraries through their index; the environment read at the entry points only.
    files: ['apps/api/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@mieruka/store/testing',
              message: 'test helpers (a store in a temporary database) are for tests, not the API',
            },
          ],
          patterns: PAST_THE_INDEX,
        },
      ],
      'no-restricted-properties': ['error', ENV_READ],
    },
  },
  {
    files: ['apps/api/src/main.ts', 'apps/api/src/cli/main.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The wallboard: a browser app. Types from the contracts, zod-free values from their
    // sub-entry points, nothing of the server side.
    files: ['apps/wallboard/**/*.ts', 'apps/wallboard/**/*.vue'],
    ignores: ['**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@mieruka/contracts', allowTypeImports: true, message: ZOD_IN_THE_BUNDLE },
            { name: 'zod', message: ZOD_IN_THE_BUNDLE },
          ],
          patterns: [
            {
              group: [
                '@mieruka/store',
                '@mieruka/adapters',
                '@mieruka/simulator',
                '@nestjs/*',
                'node:*',
              ],
              message:
                'the wallboard runs in the browser: nothing of the server side (the live patches come from @mieruka/kpi/patch)',
            },
            {
              regex: '^@mieruka/kpi$',
              message:
                'the wallboard runs in the browser: the KPI maths stay on the server (the live patches come from @mieruka/kpi/patch)',
            },
            ...PAST_THE_INDEX,
          ],
        },
      ],
    },
  },
  {
    // The wallboard's specs run in Jest, never in the bundle: any contract value will do, but
    // still nothing past a library's index.
    files: ['apps/wallboard/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: PAST_THE_INDEX }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.test.ts', 'tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // Jest's asymmetric matchers (expect.stringContaining…) are typed `any`.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    // A test's or bench's data never depends on when it runs (tests/README.md, "Time").
    files: ['**/*.spec.ts', '**/*.test.ts', 'tests/**/*.ts', 'bench/**/*.ts'],
    ignores: ['tests/support/clock.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: WALL_CLOCK },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: WALL_CLOCK },
      ],
    },
  },
  prettier,
);
