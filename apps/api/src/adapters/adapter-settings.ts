import { join } from 'node:path';
import type { Env } from '@mieruka/contracts';
import type { AsteriskOptions, FreeswitchOptions } from '@mieruka/adapters';

/** Where a TCP adapter connects and with which credentials (from its URL setting). */
export interface TcpTarget {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly secret: string;
}

export interface WebhookSecret {
  readonly secret: string;
  /** Set for `TENANT:SECRET`: a post signed with it may carry only that tenant's events. */
  readonly tenant: string | undefined;
}

/** `ami://user:secret@host:5038` (the URL was validated with the other settings). */
export function amiTarget(url: string): TcpTarget {
  const u = new URL(url);
  return {
    host: hostOf(u),
    port: Number(u.port || 5038),
    username: decodeURIComponent(u.username),
    secret: decodeURIComponent(u.password),
  };
}

/** `esl://:password@host:8021`; a lone `esl://password@host` is read as the password too. */
export function eslTarget(url: string): TcpTarget {
  const u = new URL(url);
  const password = decodeURIComponent(u.password || u.username);
  return { host: hostOf(u), port: Number(u.port || 8021), username: '', secret: password };
}

function hostOf(u: URL): string {
  return u.hostname.replace(/^\[(.*)\]$/, '$1'); // [::1] → ::1 for net.connect
}

export function webhookSecrets(env: Env): WebhookSecret[] {
  return env.MIERUKA_WEBHOOK_SECRETS.map((entry) => {
    const colon = entry.indexOf(':');
    return colon > 0
      ? { tenant: entry.slice(0, colon), secret: entry.slice(colon + 1) }
      : { tenant: undefined, secret: entry };
  });
}

/** AMI and queue_log share a prefix when one is set, so either fills the other's gaps. */
export function asteriskOptions(
  env: Env,
  adapter: 'asterisk-ami' | 'asterisk-queue-log',
): AsteriskOptions {
  return {
    tenant: env.MIERUKA_ADAPTER_TENANT,
    idPrefix: env.MIERUKA_ASTERISK_ID_PREFIX ?? adapter,
    wrapupMs: env.MIERUKA_ADAPTER_WRAPUP_SECONDS * 1000,
    breakReasons: env.MIERUKA_ADAPTER_BREAK_REASONS,
  };
}

export function freeswitchOptions(env: Env): FreeswitchOptions {
  return {
    tenant: env.MIERUKA_ADAPTER_TENANT,
    wrapupMs: env.MIERUKA_ADAPTER_WRAPUP_SECONDS * 1000,
  };
}

export function queueLogPositionFile(env: Env): string {
  return (
    env.MIERUKA_QUEUE_LOG_POSITION_FILE ??
    join(env.MIERUKA_DATA_DIR, 'adapters', 'queue_log.position.json')
  );
}

export function retryOf(env: Env): { minMs: number; maxMs: number } {
  return { minMs: env.MIERUKA_ADAPTER_RETRY_MIN_MS, maxMs: env.MIERUKA_ADAPTER_RETRY_MAX_MS };
}
