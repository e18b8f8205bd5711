import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { StoreClient } from '@mieruka/store';
import { STORE_CLIENT } from '../store/store.module';
import { CHECK_TIMEOUT_MS, reason, withTimeout } from './with-timeout';

/**
 * ClickHouse (chDB or a server) answers a query on Mieruka's database: without it ingest
 * cannot acknowledge anything and history cannot answer, so the instance is not ready.
 */
@Injectable()
export class StoreIndicator {
  constructor(
    @Inject(STORE_CLIENT) private readonly store: StoreClient,
    @Inject(HealthIndicatorService) private readonly health: HealthIndicatorService,
  ) {}

  async check(): Promise<HealthIndicatorResult> {
    const indicator = this.health.check('store');
    const { client, database, kind } = this.store;
    try {
      // Not just `SELECT 1`: the database must be there too (a server restored empty is not).
      const rows = await withTimeout(
        client
          .query({
            query: 'SELECT count() AS n FROM system.databases WHERE name = {database:String}',
            query_params: { database },
            format: 'JSONEachRow',
          })
          .then((result) => result.json<{ n: number }>()),
        CHECK_TIMEOUT_MS,
        'the store',
      );
      if (Number(rows[0]?.n) !== 1) {
        return indicator.down({ kind, message: `database ${database} is missing` });
      }
      return indicator.up({ kind });
    } catch (error) {
      return indicator.down({ kind, message: reason(error) });
    }
  }
}
