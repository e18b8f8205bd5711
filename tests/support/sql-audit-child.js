// Run as its own process (chDB binds one data folder per process, and the test's process may
// have bound another): opens a stopped API's embedded store and prints, as JSON, what the
// pipeline tests compare — row and id counts without FINAL, and the SQL snapshot of each
// tenant at a given moment. Uses the compiled code in dist/ (tests/support/global-setup.js).
// Usage: node -r ./scripts/register-aliases.js tests/support/sql-audit-child.js
//   with MIERUKA_DATA_DIR and AUDIT, a JSON list of { tenant, at (epoch ms) }.
'use strict';
const path = require('node:path');

const dist = path.join(__dirname, '..', '..', 'dist');
const { defaultTenantSettings } = require(path.join(dist, 'libs/contracts/src'));
const { computeSqlSnapshot, createStoreClient } = require(path.join(dist, 'libs/store/src'));

async function main() {
  const store = createStoreClient({
    database: process.env.MIERUKA_CLICKHOUSE_DATABASE || 'mieruka',
    dataDir: process.env.MIERUKA_DATA_DIR,
  });
  const table = `${store.database}.events`;
  const rows = async (query) => (await store.client.query({ query, format: 'JSONEachRow' })).json();
  const [totals] = await rows(`SELECT count() AS rows, uniqExact(id) AS ids FROM ${table}`);
  const doubled = await rows(
    `SELECT id FROM ${table} GROUP BY id HAVING count() > 1 ORDER BY id LIMIT 10`,
  );
  const snapshots = {};
  for (const { tenant, at } of JSON.parse(process.env.AUDIT || '[]')) {
    snapshots[tenant] = await computeSqlSnapshot(store, {
      settings: defaultTenantSettings(tenant),
      at,
      scope: 'tenant',
    });
  }
  await store.client.close();
  process.stdout.write(
    JSON.stringify({
      counts: {
        rows: Number(totals.rows),
        ids: Number(totals.ids),
        doubled: doubled.map((d) => d.id),
      },
      snapshots,
    }),
  );
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
