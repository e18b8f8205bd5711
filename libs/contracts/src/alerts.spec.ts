import {
  alertSecretsOf,
  alertSettingsInputSchema,
  redactAlertSettings,
  type AlertSettings,
} from './alerts';
import { alertSettingsSaved } from './audit-changes';

const SLACK = 'https://hooks.slack.example/services/T0/B0/slack-s3cr3t';
const body = (slackUrl: unknown) => ({
  channels: [{ id: 'floor', name: 'Floor', kind: 'slack', url: slackUrl }],
  rules: [
    {
      id: 'queue',
      name: 'Queue',
      metric: 'live.inQueue',
      op: 'above',
      threshold: 3,
      channels: ['floor'],
    },
  ],
});

describe('alert settings', () => {
  let ids = 0;
  const parse = (input: unknown, stored: AlertSettings | undefined = undefined) => {
    const secrets = new Map((stored ? alertSecretsOf(stored) : []).map((s) => [s.secretId, s]));
    return alertSettingsInputSchema(
      (id) => secrets.get(id),
      () => `s-${++ids}`,
    ).safeParse(input);
  };

  it('stores a new secret with an id and answers only the id', () => {
    const parsed = parse(body(SLACK));
    expect(parsed.success).toBe(true);
    const settings = parsed.data as AlertSettings;
    expect(settings.language).toBe('ja');
    expect(settings.rules[0]).toMatchObject({
      scope: 'tenant',
      cooldownMs: 300_000,
      enabled: true,
    });
    const answered = redactAlertSettings(settings);
    expect(JSON.stringify(answered)).not.toContain('s3cr3t');
    // Sent back as answered, the stored secret is kept.
    const again = parse(answered, settings);
    expect(again.success && alertSecretsOf(again.data)[0]?.value).toBe(SLACK);
  });

  it('names what is wrong without repeating a secret', () => {
    const bad = parse(body('slack-s3cr3t-not-a-url'));
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).not.toContain('s3cr3t');
    const unknown = parse(body({ keep: 's-missing' }));
    expect(unknown.error?.issues[0]?.message).toContain('no stored secret has the id s-missing');
  });

  it('refuses a rule sending to a channel that does not exist, and ids used twice', () => {
    const input = body(SLACK);
    input.rules.push({ ...input.rules[0]!, channels: ['nowhere'] });
    const messages = parse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual([
      'rules.1.id: is used twice',
      'rules.1.channels.0: no channel has the id nowhere',
    ]);
  });

  it('audits a save by ids, a new secret only as a changed channel', () => {
    const first = parse(body(SLACK)).data as AlertSettings;
    const second = parse(body(`${SLACK}-rotated`)).data as AlertSettings;
    const change = alertSettingsSaved(
      'acme',
      redactAlertSettings(first),
      redactAlertSettings(second),
    );
    expect(change).toEqual({
      action: 'alerts.save',
      tenant: 'acme',
      target: 'acme',
      summary: { channelsChanged: 'floor' },
    });
  });
});
