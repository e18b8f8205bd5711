import {
  adapterConfigProblems,
  adapterInputSchemas,
  redactAdapterConfig,
  secretsOf,
  storedAdapterConfigs,
  type StoredSecret,
} from './adapter-config';
import { adapterSettingsSaved } from './audit-changes';

const KEPT: StoredSecret = { secretId: 'env-webhook-1', value: 'old-secret-0123456789abcdef' };
let issued = 0;
const schemas = adapterInputSchemas(
  (id) => (id === KEPT.secretId ? KEPT : undefined),
  () => `s-${++issued}`,
);

describe('adapter settings as sent, stored and answered', () => {
  it('turns new secrets into stored ones with fresh ids, and kept ones into their stored value', () => {
    const parsed = schemas.webhook.parse({
      enabled: true,
      secrets: [
        { secret: 'new-secret-0123456789abcdef' },
        { tenant: 'osaka', secret: { keep: KEPT.secretId } },
      ],
    });
    expect(parsed).toEqual({
      enabled: true,
      secrets: [
        { secret: { secretId: `s-${issued}`, value: 'new-secret-0123456789abcdef' } },
        { tenant: 'osaka', secret: KEPT },
      ],
    });
    expect(secretsOf(parsed)).toEqual([parsed.secrets[0]?.secret, KEPT]);
    const answered = redactAdapterConfig(parsed);
    expect(answered).toEqual({
      enabled: true,
      secrets: [
        { secret: { keep: `s-${issued}` } },
        { tenant: 'osaka', secret: { keep: KEPT.secretId } },
      ],
    });
    expect(JSON.stringify(answered)).not.toContain('secret-0123456789');
  });

  it('names each bad secret by its place, with the rule it breaks', () => {
    const result = schemas.twilio.safeParse({
      enabled: true,
      authTokens: ['short', { keep: 'unknown-id' }, { keep: 'Bad Id!' }, 42],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'authTokens.0: must be an auth token (8–128 letters, digits)',
      'authTokens.1: no stored secret has the id unknown-id (send the new secret as a string)',
      'authTokens.2: must be a new secret (a string) or { "keep": id } of a stored one',
      'authTokens.3: must be a new secret (a string) or { "keep": id } of a stored one',
    ]);
  });

  it('fills defaults and refuses unknown fields', () => {
    expect(storedAdapterConfigs['asterisk-ami'].parse({ enabled: false })).toEqual({
      enabled: false,
      tenant: 'default',
      port: 5038,
      username: '',
      wrapupSeconds: 0,
      breakReasons: ['break', 'lunch', 'rest'],
      agentIds: {},
    });
    expect(schemas.freeswitch.safeParse({ enabled: false, pasword: 'typo' }).success).toBe(false);
  });

  it('says what an enabled adapter cannot run without, and nothing while it is off', () => {
    const off = storedAdapterConfigs.twilio.parse({ enabled: false });
    expect(adapterConfigProblems('twilio', off)).toEqual([]);
    expect(adapterConfigProblems('twilio', { ...off, enabled: true })).toEqual([
      ['publicUrl', 'is required: Twilio signs the URL it calls'],
      ['authTokens', 'at least one auth token is required to enable Twilio'],
    ]);
    const queueLog = storedAdapterConfigs['asterisk-queue-log'].parse({ enabled: true });
    expect(adapterConfigProblems('asterisk-queue-log', queueLog)).toEqual([
      ['file', 'is required: the queue_log to tail'],
    ]);
  });

  it('audits the fields that changed, a secret only as changed', () => {
    const before = redactAdapterConfig(
      storedAdapterConfigs['asterisk-ami'].parse({
        enabled: true,
        host: 'pbx-1',
        secret: { secretId: 'a', value: 'first-password' },
      }),
    );
    const after = redactAdapterConfig(
      storedAdapterConfigs['asterisk-ami'].parse({
        enabled: true,
        host: 'pbx-2',
        secret: { secretId: 'b', value: 'second-password' },
        breakReasons: ['休憩'],
      }),
    );
    expect(adapterSettingsSaved('asterisk-ami', before, after)).toEqual({
      action: 'adapter.save',
      tenant: 'default',
      target: 'asterisk-ami',
      summary: { host: 'pbx-2', secret: 'changed', breakReasons: 'changed' },
    });
    const webhook = redactAdapterConfig(storedAdapterConfigs.webhook.parse({ enabled: false }));
    expect(adapterSettingsSaved('webhook', webhook, webhook)).toMatchObject({
      tenant: '*',
      summary: {},
    });
  });
});
