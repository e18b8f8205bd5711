import { withCurrentTileKinds, type Wallboard } from '@mieruka/contracts';
import type { StoreClient } from './client';
import { chTime, isoFromChTime } from './time';

/** A stored wallboard definition and who last changed it. */
export interface StoredWallboard {
  readonly wallboard: Wallboard;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

interface WallboardRow {
  definition: string;
  updated_at: string;
  updated_by: string;
}

/**
 * Wallboard definitions in ClickHouse (migration 4), beside users and tokens: one store to back
 * up, shared by every API instance. Each save or deletion is a new row version; FINAL reads
 * the newest per (tenant, id). Definitions are validated by the caller before they get here.
 */
export class WallboardStore {
  private lastVersion = 0;

  constructor(private readonly store: StoreClient) {}

  /** Strictly increasing, so two writes in one millisecond still order. */
  private nextVersion(): number {
    this.lastVersion = Math.max(this.lastVersion + 1, Date.now());
    return this.lastVersion;
  }

  private get table(): string {
    return `${this.store.database}.wallboards`;
  }

  async save(wallboard: Wallboard, by: string, at: number): Promise<void> {
    await this.write(wallboard.tenant, wallboard.id, JSON.stringify(wallboard), by, at, false);
  }

  /** True when there was a definition to delete. */
  async delete(tenant: string, id: string, by: string, at: number): Promise<boolean> {
    if (!(await this.find(tenant, id))) return false;
    await this.write(tenant, id, '', by, at, true);
    return true;
  }

  private async write(
    tenant: string,
    id: string,
    definition: string,
    by: string,
    at: number,
    deleted: boolean,
  ): Promise<void> {
    await this.store.client.insert({
      table: this.table,
      format: 'JSONEachRow',
      values: [
        {
          tenant,
          id,
          definition,
          updated_at: chTime(at),
          updated_by: by,
          deleted,
          version: this.nextVersion(),
        },
      ],
    });
  }

  async find(tenant: string, id: string): Promise<StoredWallboard | undefined> {
    const [found] = await this.select('AND id = {id:String}', { tenant, id });
    return found;
  }

  /** The tenant's wallboards, by id. */
  async list(tenant: string): Promise<StoredWallboard[]> {
    return this.select('', { tenant });
  }

  private async select(extra: string, params: Record<string, string>): Promise<StoredWallboard[]> {
    // `deleted` is filtered after FINAL, so a deletion hides every older version.
    const result = await this.store.client.query({
      query: `SELECT definition, updated_at, updated_by
        FROM (SELECT * FROM ${this.table} FINAL WHERE tenant = {tenant:String} ${extra})
        WHERE NOT deleted ORDER BY id`,
      query_params: params,
      format: 'JSONEachRow',
    });
    return (await result.json<WallboardRow>()).map((row) => ({
      // Saved before tiles took their KPI's key (`asa` → `asaMs`): read under today's names.
      wallboard: withCurrentTileKinds(JSON.parse(row.definition) as Wallboard),
      updatedAt: isoFromChTime(row.updated_at),
      updatedBy: row.updated_by,
    }));
  }
}
