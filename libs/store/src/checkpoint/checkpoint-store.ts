import type { StoreClient } from '../client';
import { chTime, isoFromChTime } from '../time';
import type { Checkpoint } from './live-checkpoint';

interface CheckpointRow {
  tenant: string;
  fold_version: number;
  settings_hash: string;
  seq: number | string;
  taken_at: string;
  checksum: string;
  state: string;
}

/**
 * Checkpoints of the live projections in the store (migration 12), so every instance of a
 * deployment starts from the newest one: one row per tenant, fold version and settings, the
 * newest by `taken_at` (older ones go at the next merge).
 */
export class CheckpointStore {
  constructor(private readonly store: StoreClient) {}

  private get table(): string {
    return `${this.store.database}.live_checkpoints`;
  }

  async save(checkpoint: Checkpoint): Promise<void> {
    await this.store.client.insert({
      table: this.table,
      format: 'JSONEachRow',
      values: [
        {
          tenant: checkpoint.tenant,
          fold_version: checkpoint.foldVersion,
          settings_hash: checkpoint.settingsHash,
          seq: checkpoint.seq,
          taken_at: chTime(checkpoint.takenAt),
          checksum: checkpoint.checksum,
          // Bytes in a JSON insert: base64 (the state is gzip, so no codec would gain on it).
          state: Buffer.from(checkpoint.state).toString('base64'),
        },
      ],
    });
  }

  /**
   * The tenant's newest checkpoint for this fold version and settings, if any (older ones
   * and those of other versions or settings are never loaded, so not read).
   */
  async newest(
    tenant: string,
    foldVersion: number,
    settingsHash: string,
  ): Promise<Checkpoint | undefined> {
    const result = await this.store.client.query({
      query: `SELECT tenant, fold_version, settings_hash, seq, taken_at, checksum, state
        FROM ${this.table}
        WHERE tenant = {tenant:String} AND fold_version = {version:UInt32}
          AND settings_hash = {hash:String}
        ORDER BY taken_at DESC LIMIT 1`,
      query_params: { tenant, version: foldVersion, hash: settingsHash },
      format: 'JSONEachRow',
    });
    const [row] = await result.json<CheckpointRow>();
    if (!row) return undefined;
    return {
      tenant: row.tenant,
      foldVersion: Number(row.fold_version),
      settingsHash: row.settings_hash,
      seq: Number(row.seq),
      takenAt: Date.parse(isoFromChTime(row.taken_at)),
      checksum: row.checksum,
      state: Buffer.from(row.state, 'base64'),
    };
  }

  /**
   * What the tenant's newest checkpoint of any fold version or settings was taken with
   * (undefined when it has none): why no checkpoint was usable, for the log.
   */
  async newestOfAny(
    tenant: string,
  ): Promise<{ foldVersion: number; settingsHash: string; takenAt: number } | undefined> {
    const result = await this.store.client.query({
      query: `SELECT fold_version, settings_hash, taken_at FROM ${this.table}
        WHERE tenant = {tenant:String} ORDER BY taken_at DESC LIMIT 1`,
      query_params: { tenant },
      format: 'JSONEachRow',
    });
    const [row] =
      await result.json<Pick<CheckpointRow, 'fold_version' | 'settings_hash' | 'taken_at'>>();
    if (!row) return undefined;
    return {
      foldVersion: Number(row.fold_version),
      settingsHash: row.settings_hash,
      takenAt: Date.parse(isoFromChTime(row.taken_at)),
    };
  }
}
