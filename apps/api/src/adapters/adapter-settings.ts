import { join } from 'node:path';
import type { AdapterConfigs, Env, StoredSecret } from '@mieruka/contracts';
import type { AsteriskOptions, FreeswitchOptions } from '@mieruka/adapters';

/** Where a TCP adapter connects and with which credentials. */
export interface TcpTarget {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly secret: string;
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
  return bareHost(u.hostname);
}

/** An IPv6 address without its URL brackets, as net.connect wants it: [::1] → ::1. */
export function bareHost(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1');
}

/**
 * The adapters' settings as the environment gives them: in effect for every adapter an admin
 * has not saved settings for. Secrets get ids from their place in the variable, the same on
 * every instance started with the same environment.
 */
export function adapterConfigsFromEnv(env: Env): AdapterConfigs {
  const tenant = env.MIERUKA_ADAPTER_TENANT;
  const secret = (adapter: string, value: string, index = 0): StoredSecret => ({
    secretId: `env-${adapter}-${index + 1}`,
    value,
  });
  const ami = env.MIERUKA_AMI_URL ? amiTarget(env.MIERUKA_AMI_URL) : undefined;
  const esl = env.MIERUKA_ESL_URL ? eslTarget(env.MIERUKA_ESL_URL) : undefined;
  const asterisk = {
    tenant,
    idPrefix: env.MIERUKA_ASTERISK_ID_PREFIX,
    wrapupSeconds: env.MIERUKA_ADAPTER_WRAPUP_SECONDS,
    breakReasons: env.MIERUKA_ADAPTER_BREAK_REASONS,
    agentIds: env.MIERUKA_ASTERISK_AGENT_IDS,
  };
  return {
    webhook: {
      enabled: env.MIERUKA_WEBHOOK_SECRETS.length > 0,
      secrets: env.MIERUKA_WEBHOOK_SECRETS.map((entry, i) => {
        // `TENANT:SECRET` binds the secret to a tenant (secrets hold no colon).
        const colon = entry.indexOf(':');
        return colon > 0
          ? { tenant: entry.slice(0, colon), secret: secret('webhook', entry.slice(colon + 1), i) }
          : { secret: secret('webhook', entry, i) };
      }),
    },
    twilio: {
      enabled: env.MIERUKA_TWILIO_AUTH_TOKENS.length > 0,
      tenant,
      publicUrl: env.MIERUKA_TWILIO_PUBLIC_URL,
      authTokens: env.MIERUKA_TWILIO_AUTH_TOKENS.map((token, i) => secret('twilio', token, i)),
    },
    'amazon-connect': {
      enabled: env.MIERUKA_AMAZON_CONNECT_ACCESS_KEYS.length > 0,
      tenant,
      breakStatuses: env.MIERUKA_ADAPTER_BREAK_REASONS,
      accessKeys: env.MIERUKA_AMAZON_CONNECT_ACCESS_KEYS.map((key, i) =>
        secret('amazon-connect', key, i),
      ),
    },
    shopify: {
      enabled: env.MIERUKA_SHOPIFY_SECRETS.length > 0,
      tenant,
      ...shopifyLink(env.MIERUKA_SHOPIFY_LINK),
      callIdAttribute: 'callId',
      agentIdAttribute: 'agentId',
      maxAgeSeconds: 21_600,
      secrets: env.MIERUKA_SHOPIFY_SECRETS.map((value, i) => secret('shopify', value, i)),
    },
    'asterisk-ami': {
      enabled: ami !== undefined,
      host: ami?.host,
      port: ami?.port ?? 5038,
      username: ami?.username ?? '',
      secret: ami && secret('asterisk-ami', ami.secret),
      ...asterisk,
    },
    'asterisk-queue-log': {
      enabled: env.MIERUKA_QUEUE_LOG_FILE !== undefined,
      file: env.MIERUKA_QUEUE_LOG_FILE,
      pollMs: env.MIERUKA_QUEUE_LOG_POLL_MS,
      ...asterisk,
    },
    freeswitch: {
      enabled: esl !== undefined,
      tenant,
      host: esl?.host,
      port: esl?.port ?? 8021,
      password: esl && secret('freeswitch', esl.secret),
      wrapupSeconds: env.MIERUKA_ADAPTER_WRAPUP_SECONDS,
    },
  };
}

/** `name`, `id` or `note_attribute:NAME` (validated with the other settings). */
function shopifyLink(text: string): Pick<AdapterConfigs['shopify'], 'link' | 'linkAttribute'> {
  if (text.startsWith('note_attribute:')) {
    return { link: 'note_attribute', linkAttribute: text.slice('note_attribute:'.length) };
  }
  return { link: text === 'id' ? 'id' : 'name', linkAttribute: 'orderId' };
}

/** AMI and queue_log share a prefix when one is set, so either fills the other's gaps. */
export function asteriskOptions(
  config: AdapterConfigs['asterisk-ami'] | AdapterConfigs['asterisk-queue-log'],
  adapter: 'asterisk-ami' | 'asterisk-queue-log',
): AsteriskOptions {
  return {
    tenant: config.tenant,
    idPrefix: config.idPrefix ?? adapter,
    wrapupMs: config.wrapupSeconds * 1000,
    breakReasons: config.breakReasons,
    agentIds: config.agentIds,
  };
}

export function freeswitchOptions(config: AdapterConfigs['freeswitch']): FreeswitchOptions {
  return { tenant: config.tenant, wrapupMs: config.wrapupSeconds * 1000 };
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
