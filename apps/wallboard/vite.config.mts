import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

/**
 * The wallboard's build. Run from the repo root:
 *   npx vite build --config apps/wallboard/vite.config.ts   → dist/wallboard/ (served by the API at /)
 *   npx vite --config apps/wallboard/vite.config.ts         → dev server, /api proxied to the API
 */
const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

const apiProxy = { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: true } };

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [vue()],
  resolve: {
    // Only `import type` from the contracts' index: the types vanish at build time, so zod is
    // never bundled; run-time values only from its zod-free files `values` and `kpi-catalogue`.
    // …and one pure file of the KPI library: the live patches are applied with the very
    // function the server's diff is tested against (no Node imports in it). ESLint enforces
    // all three (eslint.config.mjs).
    alias: [
      { find: /^@mieruka\/kpi\/patch$/, replacement: here('../../libs/kpi/src/patch.ts') },
      { find: '@mieruka/contracts', replacement: here('../../libs/contracts/src') },
    ],
  },
  build: {
    outDir: here('../../dist/wallboard'),
    emptyOutDir: true,
  },
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
});
