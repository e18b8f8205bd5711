import type { StoreClient } from './client';
import { chTime, isoFromChTime } from './time';

/** A document as an admin saved it, and who did. */
export interface StoredDocument<T> {
  readonly key: string;
  readonly document: T;
  readonly updatedAt: string;
  readonly updatedBy: string;
  /** Grows with every save: how a poller tells a newer version from the one it has. */
  readonly version: number;
}

interface DocumentRow {
  key: string;
  settings: string;
  updated_at: string;
  updated_by: string;
  version: string | number;
}

/**
 * Settings documents saved through the admin API, one table per kind (tenant settings,
 * adapter settings): each save is a new row version of `(key, settings JSON, updated_at,
 * updated_by, version)` in a ReplacingMergeTree(version); FINAL reads the newest per key.
 * Documents are validated by the caller before they get here, and parsed again when read, so
 * a field added to the schema since the save gets its default.
 */
export class VersionedDocuments<T> {
  private lastVersion = 0;

  constructor(
    private readonly store: StoreClient,
    private readonly table: string,
    private readonly keyColumn: string,
    /** Checks a stored document; the key says which schema it has when kinds differ. */
    private readonly parse: (json: unknown, key: string) => T,
  ) {}

  /** Strictly increasing, so two saves in one millisecond still order. */
  private nextVersion(): number {
    this.lastVersion = Math.max(this.lastVersion + 1, Date.now());
    return this.lastVersion;
  }

  async save(key: string, document: T, by: string, at: number): Promise<StoredDocument<T>> {
    const version = this.nextVersion();
    await this.store.client.insert({
      table: `${this.store.database}.${this.table}`,
      format: 'JSONEachRow',
      values: [
        {
          [this.keyColumn]: key,
          settings: JSON.stringify(document),
          updated_at: chTime(at),
          updated_by: by,
          version,
        },
      ],
    });
    return { key, document, updatedAt: new Date(at).toISOString(), updatedBy: by, version };
  }

  async find(key: string): Promise<StoredDocument<T> | undefined> {
    const [found] = await this.select(`WHERE ${this.keyColumn} = {key:String}`, { key });
    return found;
  }

  /** The newest version of every key (a handful of rows: polled whole). */
  async list(): Promise<StoredDocument<T>[]> {
    return this.select('', {});
  }

  private async select(where: string, params: Record<string, string>) {
    const result = await this.store.client.query({
      query: `SELECT ${this.keyColumn} AS key, settings, updated_at, updated_by, version
        FROM ${this.store.database}.${this.table} FINAL ${where} ORDER BY key`,
      query_params: params,
      format: 'JSONEachRow',
    });
    return (await result.json<DocumentRow>()).map((row): StoredDocument<T> => ({
      key: row.key,
      document: this.parse(JSON.parse(row.settings), row.key),
      updatedAt: isoFromChTime(row.updated_at),
      updatedBy: row.updated_by,
      version: Number(row.version),
    }));
  }
}
