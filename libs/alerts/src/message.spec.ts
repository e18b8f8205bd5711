import { alertRuleSchema } from '@mieruka/contracts';
import { alertMessage, type AlertNotification } from './message';
import { readMetric } from './metric';
import { teamsBody } from './payloads';

const rule = alertRuleSchema.parse({
  id: 'abandons',
  name: 'Abandon rate',
  metric: 'windows.today.abandonRate',
  scope: 'queue:support',
  op: 'above',
  threshold: 0.1,
  channels: ['c'],
});
const base: AlertNotification = {
  tenant: 'acme',
  rule,
  kind: 'breach',
  value: 0.125,
  at: Date.parse('2026-12-01T05:02:00Z'),
  timeZone: 'Asia/Tokyo',
  language: 'en',
};

describe('alertMessage', () => {
  it('words a breach in English with the tenant’s clock and units', () => {
    expect(alertMessage(base)).toEqual({
      title: '[Breached] Abandon rate',
      text: 'Abandon rate (today) is 12.5%, above the threshold of 10.0%. (acme / queue:support, 2026-12-01 14:02 (+09:00))',
      when: '2026-12-01 14:02 (+09:00)',
    });
  });

  it('words a clearing in Japanese', () => {
    const message = alertMessage({ ...base, kind: 'clear', value: 0.05, language: 'ja' });
    expect(message.title).toBe('【解除】Abandon rate');
    expect(message.text).toContain('5.0%');
    expect(message.text).toContain('14:02');
  });

  it('puts the words in an Adaptive Card for Teams', () => {
    const body = teamsBody(base) as { attachments: { content: { type: string } }[] };
    expect(body.attachments[0]?.content.type).toBe('AdaptiveCard');
  });
});

describe('readMetric', () => {
  it('reads a number by its path, null where there is none', () => {
    const snapshot = {
      live: { inQueue: 4 },
      orders: { stuck: 2 },
      windows: { today: { abandonRate: null } },
    } as never;
    expect(readMetric(snapshot, 'live.inQueue')).toBe(4);
    expect(readMetric(snapshot, 'orders.stuck')).toBe(2);
    expect(readMetric(snapshot, 'windows.today.abandonRate')).toBeNull();
  });
});
