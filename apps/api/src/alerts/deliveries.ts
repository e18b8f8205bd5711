import type { AlertDelivery, AuditEntry } from '@mieruka/contracts';

/** An alert's audit entry (alert.sent / alert.failed) as the admins' list shows it. */
export function deliveryOf(entry: AuditEntry): AlertDelivery {
  const { summary } = entry;
  const text = (key: string) => {
    const value = summary[key];
    return typeof value === 'string' ? value : '';
  };
  return {
    at: entry.at,
    tenant: entry.tenant,
    rule: entry.target,
    channel: text('channel'),
    kind: text('kind') === 'clear' ? 'clear' : 'breach',
    outcome: entry.action === 'alert.sent' ? 'sent' : 'failed',
    attempts: typeof summary['attempts'] === 'number' ? summary['attempts'] : 0,
    error: entry.action === 'alert.sent' ? null : text('error'),
  };
}
