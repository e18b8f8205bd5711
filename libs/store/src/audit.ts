import type { AuditEntry, AuditSummary, Role } from '@mieruka/contracts';
import type { StoreClient } from './client';
import { chTime, isoFromChTime } from './time';

/** Which entries to read: a tenant's (or all), in `[from, to)` (epoch ms), newest first. */
export interface AuditRange {
  /** Omitted: every tenant's entries (for an admin of every tenant). */
  readonly tenant?: string | undefined;
  readonly from?: number | undefined;
  readonly to?: number | undefined;
  readonly limit: number;
  /** Only entries of these actions (all when omitted). */
  readonly actions?: readonly AuditEntry['action'][] | undefined;
}

interface AuditRow {
  id: string;
  at: string;
  tenant: string;
  actor: string;
  actor_role: Role;
  actor_tenant: string;
  action: AuditEntry['action'];
  target: string;
  summary: string;
  request_id: string;
}

/**
 * The audit log in ClickHouse (migration 5), beside the users, tokens and wallboards it
 * records changes of: one store to back up, shared by every API instance. Append-only.
 */
export class AuditStore {
  constructor(private readonly store: StoreClient) {}

  private get table(): string {
    return `${this.store.database}.audit_log`;
  }

  async append(entry: AuditEntry): Promise<void> {
    await this.store.client.insert({
      table: this.table,
      format: 'JSONEachRow',
      values: [
        {
          id: entry.id,
          at: chTime(Date.parse(entry.at)),
          tenant: entry.tenant,
          actor: entry.actor,
          actor_role: entry.actorRole,
          actor_tenant: entry.actorTenant,
          action: entry.action,
          target: entry.target,
          summary: JSON.stringify(entry.summary),
          request_id: entry.requestId,
        },
      ],
    });
  }

  async list(range: AuditRange): Promise<AuditEntry[]> {
    // Fixed clauses only; every value goes in as a typed parameter.
    const where = ["at >= {from:DateTime64(3, 'UTC')}"];
    if (range.to !== undefined) where.push("at < {to:DateTime64(3, 'UTC')}");
    if (range.tenant !== undefined) where.push('tenant = {tenant:String}');
    if (range.actions !== undefined) where.push('action IN {actions:Array(String)}');
    const result = await this.store.client.query({
      query: `SELECT id, at, tenant, actor, actor_role, actor_tenant, action, target, summary,
          request_id
        FROM ${this.table}
        WHERE ${where.join(' AND ')}
        ORDER BY at DESC, id DESC
        LIMIT {limit:UInt32}`,
      query_params: {
        from: chTime(range.from ?? 0),
        to: range.to === undefined ? undefined : chTime(range.to),
        tenant: range.tenant,
        actions: range.actions,
        limit: range.limit,
      },
      format: 'JSONEachRow',
    });
    return (await result.json<AuditRow>()).map((row) => ({
      id: row.id,
      at: isoFromChTime(row.at),
      tenant: row.tenant,
      actor: row.actor,
      actorRole: row.actor_role,
      actorTenant: row.actor_tenant,
      action: row.action,
      target: row.target,
      summary: JSON.parse(row.summary) as AuditSummary,
      requestId: row.request_id,
    }));
  }
}
