import { parseEnv } from './env';

describe('adapter settings', () => {
  it('are off by default, with the documented defaults', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      MIERUKA_ADAPTER_TENANT: 'default',
      MIERUKA_ADAPTER_RETRY_MIN_MS: 1000,
      MIERUKA_ADAPTER_RETRY_MAX_MS: 30_000,
      MIERUKA_ADAPTER_WRAPUP_SECONDS: 0,
      MIERUKA_ADAPTER_BREAK_REASONS: ['break', 'lunch', 'rest'],
      MIERUKA_WEBHOOK_SECRETS: [],
      MIERUKA_QUEUE_LOG_POLL_MS: 1000,
      MIERUKA_TWILIO_AUTH_TOKENS: [],
      MIERUKA_AMAZON_CONNECT_ACCESS_KEYS: [],
    });
    expect([env.MIERUKA_AMI_URL, env.MIERUKA_QUEUE_LOG_FILE, env.MIERUKA_ESL_URL]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('reads lists and connection URLs', () => {
    expect(
      parseEnv({
        MIERUKA_WEBHOOK_SECRETS: ' new-secret-0123456789 , osaka:old-secret-0123456789 ',
        MIERUKA_AMI_URL: 'ami://mieruka:s3cret@10.0.0.5:5038',
        MIERUKA_ESL_URL: 'esl://:ClueCon@10.0.0.6',
        MIERUKA_ADAPTER_BREAK_REASONS: 'Break,Lunch',
        MIERUKA_TWILIO_AUTH_TOKENS: 'abcdef0123456789',
        MIERUKA_TWILIO_PUBLIC_URL: 'https://wallboard.example.com',
        MIERUKA_AMAZON_CONNECT_ACCESS_KEYS: 'firehose-key-0123456789,second-key-0123456789',
      }),
    ).toMatchObject({
      MIERUKA_AMAZON_CONNECT_ACCESS_KEYS: ['firehose-key-0123456789', 'second-key-0123456789'],
      MIERUKA_WEBHOOK_SECRETS: ['new-secret-0123456789', 'osaka:old-secret-0123456789'],
      MIERUKA_AMI_URL: 'ami://mieruka:s3cret@10.0.0.5:5038',
      MIERUKA_ADAPTER_BREAK_REASONS: ['Break', 'Lunch'],
    });
  });

  it('explains every bad one at once', () => {
    let message = '';
    try {
      parseEnv({
        MIERUKA_WEBHOOK_SECRETS: 'short',
        MIERUKA_AMI_URL: 'http://127.0.0.1:5038',
        MIERUKA_ESL_URL: 'esl://',
        MIERUKA_ADAPTER_TENANT: 'Osaka Site',
        MIERUKA_ADAPTER_RETRY_MIN_MS: '5000',
        MIERUKA_ADAPTER_RETRY_MAX_MS: '1000',
        MIERUKA_TWILIO_AUTH_TOKENS: 'abcdef0123456789',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    for (const expected of [
      'MIERUKA_WEBHOOK_SECRETS',
      'each entry must be SECRET or TENANT:SECRET',
      'MIERUKA_AMI_URL: must be a URL such as ami://user:secret@127.0.0.1:5038',
      'MIERUKA_ESL_URL: must be a URL such as esl://:ClueCon@127.0.0.1:8021',
      'MIERUKA_ADAPTER_TENANT',
    ]) {
      expect(message).toContain(expected);
    }
  });

  it('checks settings that go together', () => {
    expect(() =>
      parseEnv({ MIERUKA_ADAPTER_RETRY_MIN_MS: '5000', MIERUKA_ADAPTER_RETRY_MAX_MS: '1000' }),
    ).toThrow('MIERUKA_ADAPTER_RETRY_MAX_MS: must not be below MIERUKA_ADAPTER_RETRY_MIN_MS');
    expect(() => parseEnv({ MIERUKA_TWILIO_AUTH_TOKENS: 'abcdef0123456789' })).toThrow(
      'MIERUKA_TWILIO_PUBLIC_URL: is required with MIERUKA_TWILIO_AUTH_TOKENS',
    );
  });
});
