import { parseEnv } from '@mieruka/contracts';
import { adapterConfigsFromEnv } from './adapter-settings';

describe('adapterConfigsFromEnv', () => {
  it('reads each adapter’s settings from its variables, secrets with ids by place', () => {
    const configs = adapterConfigsFromEnv(
      parseEnv({
        MIERUKA_ADAPTER_TENANT: 'osaka',
        MIERUKA_WEBHOOK_SECRETS: 'plain-secret-0123456789,default:bound-secret-0123456789',
        MIERUKA_AMI_URL: 'ami://mieruka:s%40cret@[::1]:5039',
        MIERUKA_ESL_URL: 'esl://ClueCon@10.0.0.6',
        MIERUKA_ASTERISK_ID_PREFIX: 'pbx1',
        MIERUKA_ADAPTER_WRAPUP_SECONDS: '20',
        MIERUKA_ASTERISK_AGENT_IDS: 'PJSIP/1001=alice, Alice=alice',
      }),
    );
    expect(configs.webhook).toEqual({
      enabled: true,
      secrets: [
        { secret: { secretId: 'env-webhook-1', value: 'plain-secret-0123456789' } },
        {
          tenant: 'default',
          secret: { secretId: 'env-webhook-2', value: 'bound-secret-0123456789' },
        },
      ],
    });
    expect(configs['asterisk-ami']).toMatchObject({
      enabled: true,
      tenant: 'osaka',
      host: '::1',
      port: 5039,
      username: 'mieruka',
      secret: { secretId: 'env-asterisk-ami-1', value: 's@cret' },
      idPrefix: 'pbx1',
      wrapupSeconds: 20,
      agentIds: { 'PJSIP/1001': 'alice', Alice: 'alice' },
    });
    expect(configs.freeswitch).toMatchObject({
      enabled: true,
      host: '10.0.0.6',
      port: 8021,
      password: { value: 'ClueCon' },
    });
    expect([configs.twilio.enabled, configs['amazon-connect'].enabled]).toEqual([false, false]);
    expect(configs['asterisk-queue-log']).toMatchObject({ enabled: false, pollMs: 1000 });
  });
});
