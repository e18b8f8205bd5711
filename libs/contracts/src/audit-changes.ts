import type { AdapterName, AnsweredAdapterConfig } from './adapter-config';
import type { AlertDelivery, AnsweredAlertSettings } from './alerts';
import type { AuditAction, AuditSummary } from './audit';
import type { DisplayTokenInfo, IngestKeyInfo, NewUser, UserInfo, UserUpdate } from './auth';
import type { TenantSettings } from './tenant-settings';
import type { Wallboard } from './wallboard';

/**
 * What each admin change records. Every summary is built here from named fields (an allow
 * list), never by copying a request body, so a secret — a password, a display or refresh
 * token — cannot reach the audit log by a field added later.
 */
export interface AuditChange {
  readonly action: AuditAction;
  /** The tenant the change concerns (`*` for a user of every tenant). */
  readonly tenant: string;
  readonly target: string;
  readonly summary: AuditSummary;
}

export function userCreated(user: NewUser): AuditChange {
  return {
    action: 'user.create',
    tenant: user.tenant,
    target: user.username,
    summary: {
      tenant: user.tenant,
      role: user.role,
      ...(user.scopes.length > 0 ? { scopes: user.scopes.join(', ') } : {}),
    },
  };
}

/** The fields the update set; a new password only as the fact that it changed. */
export function userUpdated(user: UserInfo, change: UserUpdate): AuditChange {
  const summary: AuditSummary = {};
  if (change.role !== undefined) summary['role'] = change.role;
  if (change.disabled !== undefined) summary['disabled'] = change.disabled;
  if (change.scopes !== undefined) summary['scopes'] = change.scopes.join(', ') || 'tenant';
  if (change.password !== undefined) summary['password'] = 'changed';
  return { action: 'user.update', tenant: user.tenant, target: user.username, summary };
}

export function displayTokenCreated(token: DisplayTokenInfo): AuditChange {
  return {
    action: 'display-token.create',
    tenant: token.tenant,
    target: token.id,
    summary: { wallboard: token.wallboard, label: token.label, expiresAt: token.expiresAt },
  };
}

export function displayTokenRevoked(token: DisplayTokenInfo): AuditChange {
  return {
    action: 'display-token.revoke',
    tenant: token.tenant,
    target: token.id,
    summary: { wallboard: token.wallboard, label: token.label },
  };
}

export function ingestKeyCreated(key: IngestKeyInfo): AuditChange {
  return {
    action: 'ingest-key.create',
    tenant: key.tenant,
    target: key.id,
    summary: { label: key.label, expiresAt: key.expiresAt },
  };
}

export function ingestKeyRevoked(key: IngestKeyInfo): AuditChange {
  return {
    action: 'ingest-key.revoke',
    tenant: key.tenant,
    target: key.id,
    summary: { label: key.label },
  };
}

/** The definition itself is in the wallboards table; the log says which and how big. */
export function wallboardSaved(wallboard: Wallboard): AuditChange {
  return {
    action: 'wallboard.save',
    tenant: wallboard.tenant,
    target: wallboard.id,
    summary: {
      name: wallboard.name,
      pages: wallboard.pages.length,
      tiles: wallboard.pages.reduce((sum, page) => sum + page.tiles.length, 0),
    },
  };
}

export function wallboardDeleted(tenant: string, id: string): AuditChange {
  return { action: 'wallboard.delete', tenant, target: id, summary: {} };
}

/**
 * A tenant's settings saved (the whole document is in the tenant_settings table): the log
 * names the fields that changed from what the tenant had before, and counts for the lists.
 */
export function tenantSettingsSaved(before: TenantSettings, after: TenantSettings): AuditChange {
  const summary: AuditSummary = {};
  const set = (name: string, old: string | number, now: string | number): void => {
    if (old !== now) summary[name] = now;
  };
  set('timezone', before.tenant.timezone, after.tenant.timezone);
  set('currency', before.tenant.currency, after.tenant.currency);
  set('slThresholdMs', before.serviceLevel.thresholdMs, after.serviceLevel.thresholdMs);
  set('shortAbandonMs', before.serviceLevel.shortAbandonMs, after.serviceLevel.shortAbandonMs);
  set('slVariant', before.serviceLevel.variant, after.serviceLevel.variant);
  // Per-weekday hours (v2) are appended only when set, so a v1 calendar reads as before.
  const calendar = (c: TenantSettings['workingCalendar']): string =>
    [
      `${c.days.join(',')} ${c.start}-${c.end}`,
      ...Object.entries(c.hours ?? {}).map(([day, h]) => `${day}:${h?.start}-${h?.end}`),
    ].join(' ');
  set('workingHours', calendar(before.workingCalendar), calendar(after.workingCalendar));
  if (before.workingCalendar.holidays.join() !== after.workingCalendar.holidays.join()) {
    summary['holidays'] = after.workingCalendar.holidays.length;
  }
  if (JSON.stringify(before.kgis) !== JSON.stringify(after.kgis)) {
    summary['kgis'] = after.kgis.length;
  }
  return { action: 'tenant.save', tenant: after.tenant.id, target: after.tenant.id, summary };
}

/**
 * An adapter's settings saved: each field that changed, by value when it is a plain value,
 * else as `changed`. Built from the answered forms, where a secret is only its id, so a new
 * secret shows as `changed` and its value cannot reach the log.
 */
export function adapterSettingsSaved(
  name: AdapterName,
  before: AnsweredAdapterConfig,
  after: AnsweredAdapterConfig,
): AuditChange {
  const summary: AuditSummary = {};
  const old = before as Record<string, unknown>;
  for (const [field, now] of Object.entries(after)) {
    if (JSON.stringify(old[field]) === JSON.stringify(now)) continue;
    const plain = typeof now === 'string' || typeof now === 'number' || typeof now === 'boolean';
    summary[field] = plain ? now : 'changed';
  }
  for (const field of Object.keys(old)) {
    if (!(field in after)) summary[field] = 'removed';
  }
  const tenant = 'tenant' in after ? after.tenant : '*';
  return { action: 'adapter.save', tenant, target: name, summary };
}

/**
 * A tenant's alert settings saved: the rules and channels added, changed and removed, by id.
 * Built from the answered forms, where a secret (a Slack or Teams URL) is only its id.
 */
export function alertSettingsSaved(
  tenant: string,
  before: AnsweredAlertSettings,
  after: AnsweredAlertSettings,
): AuditChange {
  const summary: AuditSummary = {};
  if (before.language !== after.language) summary['language'] = after.language;
  for (const list of ['rules', 'channels'] as const) {
    const old = new Map(before[list].map((item) => [item.id, JSON.stringify(item)]));
    const now = new Map(after[list].map((item) => [item.id, JSON.stringify(item)]));
    const added = [...now.keys()].filter((id) => !old.has(id));
    const removed = [...old.keys()].filter((id) => !now.has(id));
    const changed = [...now].filter(([id, json]) => old.has(id) && old.get(id) !== json);
    if (added.length > 0) summary[`${list}Added`] = added.join(', ');
    if (changed.length > 0) summary[`${list}Changed`] = changed.map(([id]) => id).join(', ');
    if (removed.length > 0) summary[`${list}Removed`] = removed.join(', ');
  }
  return { action: 'alerts.save', tenant, target: tenant, summary };
}

/** An alert sent or given up on: the rule, the channel by id and kind, never its address. */
export function alertDelivered(delivery: AlertDelivery, channelKind: string): AuditChange {
  return {
    action: delivery.outcome === 'sent' ? 'alert.sent' : 'alert.failed',
    tenant: delivery.tenant,
    target: delivery.rule,
    summary: {
      channel: delivery.channel,
      channelKind,
      kind: delivery.kind,
      attempts: delivery.attempts,
      ...(delivery.error === null ? {} : { error: delivery.error }),
    },
  };
}
