import { validateEvent } from './validate-event';

const receivedAt = Date.parse('2026-11-24T01:07:00.000Z');
const context = { receivedAt, currencyOf: (tenant: string) => (tenant === 'nyc' ? 'USD' : 'JPY') };

const base = {
  id: 'ev-1',
  occurredAt: '2026-11-24T10:00:00.000+09:00',
  tenant: 'default',
  source: 'test',
};
const valid: Record<string, Record<string, unknown>> = {
  'call.offered': {
    ...base,
    type: 'call.offered',
    callId: 'c1',
    direction: 'inbound',
    queue: 'support',
  },
  'call.dialed': {
    ...base,
    type: 'call.dialed',
    callId: 'c1',
    direction: 'outbound',
    campaign: 'teleapo',
  },
  'call.connected inbound': {
    ...base,
    type: 'call.connected',
    callId: 'c1',
    direction: 'inbound',
    queue: 'support',
    agentId: 'a1',
    waitMs: 12000,
  },
  'call.connected outbound': {
    ...base,
    type: 'call.connected',
    callId: 'c1',
    direction: 'outbound',
    campaign: 'teleapo',
    agentId: 'a1',
  },
  'call.abandoned': {
    ...base,
    type: 'call.abandoned',
    callId: 'c1',
    direction: 'inbound',
    queue: 'support',
    waitMs: 3000,
  },
  'call.wrapped': {
    ...base,
    type: 'call.wrapped',
    callId: 'c1',
    direction: 'inbound',
    queue: 'support',
    agentId: 'a1',
    talkMs: 270000,
    holdMs: 15000,
    wrapMs: 43000,
    disposition: 'sale',
    resolved: true,
  },
  'order.confirmed': {
    ...base,
    type: 'order.confirmed',
    callId: 'c1',
    orderId: 'o1',
    agentId: 'a1',
    queue: 'support',
    amount: 12800,
    currency: 'JPY',
    items: [{ sku: 'CAT-1042', qty: 1, variant: 'navy/M' }],
  },
  'order.cancelled': {
    ...base,
    type: 'order.cancelled',
    callId: 'c1',
    orderId: 'o1',
    agentId: 'a1',
    amount: '12800',
    currency: 'JPY',
  },
  'order.paid': {
    ...base,
    type: 'order.paid',
    orderId: 'o1',
    amount: 12800,
    currency: 'JPY',
    method: 'konbini',
  },
  'order.paid without call or agent': {
    ...base,
    type: 'order.paid',
    orderId: 'o1',
    amount: '12800.50',
    currency: 'JPY',
  },
  'order.held': { ...base, type: 'order.held', orderId: 'o1', reason: 'item_unidentified' },
  'order.held of a call': {
    ...base,
    type: 'order.held',
    orderId: 'o1',
    callId: 'c1',
    reason: 'address_incomplete',
  },
  'order.shipped': {
    ...base,
    type: 'order.shipped',
    orderId: 'o1',
    carrier: 'yamato',
    tracking: '1234-5678-9012',
  },
  'order.shipped bare': { ...base, type: 'order.shipped', orderId: 'o1' },
  'order.returned': { ...base, type: 'order.returned', orderId: 'o1', reason: 'wrong_variant' },
  'order.returned with its refund': {
    ...base,
    type: 'order.returned',
    orderId: 'o1',
    reason: 'damaged',
    amount: 12800,
    currency: 'JPY',
  },
  'list.loaded': {
    ...base,
    type: 'list.loaded',
    listId: 'L-2026-12',
    campaign: 'teleapo',
    count: 5000,
  },
  'list.loaded of the largest size': {
    ...base,
    type: 'list.loaded',
    listId: 'L-big',
    campaign: 'teleapo',
    count: 10_000_000,
  },
  'call.dialed of a list entry': {
    ...base,
    type: 'call.dialed',
    callId: 'c1',
    direction: 'outbound',
    campaign: 'teleapo',
    listId: 'L-2026-12',
    entryId: 'row-00042',
  },
  'call.connected outbound of a list entry': {
    ...base,
    type: 'call.connected',
    callId: 'c1',
    direction: 'outbound',
    campaign: 'teleapo',
    agentId: 'a1',
    listId: 'L-2026-12',
    entryId: 'row-00042',
  },
  'call.failed': {
    ...base,
    type: 'call.failed',
    callId: 'c1',
    direction: 'outbound',
    campaign: 'teleapo',
    outcome: 'invalid_number',
    agentId: 'a1',
    listId: 'L-2026-12',
    entryId: 'row-00042',
  },
  'call.failed bare': {
    ...base,
    type: 'call.failed',
    callId: 'c1',
    direction: 'outbound',
    campaign: 'teleapo',
    outcome: 'no_answer',
  },
  'agent.state': { ...base, type: 'agent.state', agentId: 'a1', state: 'break', reason: 'lunch' },
  'callback.marked': { ...base, type: 'callback.marked', callId: 'c-1' },
};

const without = (event: Record<string, unknown>, key: string) => {
  const copy = { ...event };
  delete copy[key];
  return copy;
};

describe('validateEvent', () => {
  it.each(Object.entries(valid))('accepts a valid %s', (_name, event) => {
    const result = validateEvent(event, context);
    expect(result).toMatchObject({ ok: true });
  });

  it('fills in the default tenant and turns a decimal string amount into a number', () => {
    const result = validateEvent(without(valid['order.cancelled']!, 'tenant'), context);
    expect(result).toEqual({
      ok: true,
      event: expect.objectContaining({ tenant: 'default', amount: 12800 }),
    });
  });

  it.each<[string, unknown, string]>([
    ['not an object', [1, 2], 'event: must be a JSON object'],
    ['no type', without(valid['call.offered']!, 'type'), 'type: is required'],
    [
      'an unknown type',
      { ...valid['call.offered'], type: 'call.exploded' },
      'type: unknown event type "call.exploded"',
    ],
    [
      'an id with a space',
      { ...valid['call.offered'], id: 'ev 1' },
      'id: must be 1–128 characters of A–Z a–z 0–9 . _ : -',
    ],
    [
      'an id of 129 characters',
      { ...valid['call.offered'], id: 'a'.repeat(129) },
      'id: must be 1–128 characters',
    ],
    ['a missing id', without(valid['call.offered']!, 'id'), 'id: is required'],
    [
      'an upper-case tenant',
      { ...valid['call.offered'], tenant: 'Tokyo' },
      'tenant: must be 1–64 characters of a–z 0–9 _ -',
    ],
    ['a missing source', without(valid['call.offered']!, 'source'), 'source: is required'],
    [
      'an occurredAt without offset',
      { ...valid['call.offered'], occurredAt: '2026-11-24T10:00:00' },
      'occurredAt: not an RFC 3339 timestamp',
    ],
    [
      'an occurredAt on 31 November',
      { ...valid['call.offered'], occurredAt: '2026-11-31T10:00:00Z' },
      'occurredAt: not an RFC 3339 timestamp',
    ],
    [
      'an occurredAt in microseconds',
      { ...valid['call.offered'], occurredAt: '2026-11-24T10:00:00.123456Z' },
      'occurredAt: not an RFC 3339 timestamp',
    ],
    [
      'an occurredAt 6 minutes ahead',
      { ...valid['call.offered'], occurredAt: '2026-11-24T01:13:00.001Z' },
      'occurredAt: 2026-11-24T01:13:00.001Z is more than 5 minutes after the receiving clock',
    ],
    ['a call without callId', without(valid['call.offered']!, 'callId'), 'callId: is required'],
    [
      'an order without callId',
      without(valid['order.confirmed']!, 'callId'),
      'callId: is required',
    ],
    [
      'an inbound call without queue',
      without(valid['call.offered']!, 'queue'),
      'queue: is required',
    ],
    [
      'an outbound call without campaign',
      without(valid['call.dialed']!, 'campaign'),
      'campaign: is required',
    ],
    [
      'an offered call marked outbound',
      { ...valid['call.offered'], direction: 'outbound' },
      'direction: must be "inbound"',
    ],
    [
      'a connected call without direction',
      without(valid['call.connected inbound']!, 'direction'),
      'direction: must be "inbound" or "outbound"',
    ],
    [
      'an inbound connect without waitMs',
      without(valid['call.connected inbound']!, 'waitMs'),
      'waitMs: is required',
    ],
    [
      'a connect without agentId',
      without(valid['call.connected inbound']!, 'agentId'),
      'agentId: is required',
    ],
    [
      'a negative waitMs',
      { ...valid['call.abandoned'], waitMs: -1 },
      'waitMs: must be an integer ≥ 0',
    ],
    [
      'a fractional talkMs',
      { ...valid['call.wrapped'], talkMs: 1.5 },
      'talkMs: must be an integer ≥ 0',
    ],
    [
      'an absurd wrapMs',
      { ...valid['call.wrapped'], wrapMs: 86_400_000 },
      'wrapMs: must be below 86400000 (24 hours)',
    ],
    [
      'a waitMs given as text',
      { ...valid['call.abandoned'], waitMs: '3000' },
      'waitMs: must be an integer ≥ 0',
    ],
    [
      'a wrap without disposition',
      without(valid['call.wrapped']!, 'disposition'),
      'disposition: is required',
    ],
    [
      'a resolved that is not boolean',
      { ...valid['call.wrapped'], resolved: 'yes' },
      'resolved: must be true or false',
    ],
    [
      'a negative amount',
      { ...valid['order.confirmed'], amount: -5 },
      'amount: must not be negative',
    ],
    [
      'an amount with 3 decimals',
      { ...valid['order.confirmed'], amount: 1.005 },
      'amount: must have at most 2 decimal places',
    ],
    [
      'an amount string with 3 decimals',
      { ...valid['order.confirmed'], amount: '1.005' },
      'amount: must be a decimal string ≥ 0 with at most 2 decimals',
    ],
    [
      'another currency than the tenant',
      { ...valid['order.confirmed'], currency: 'USD' },
      'currency: tenant "default" reports in JPY, not USD',
    ],
    [
      'a currency that is no code',
      { ...valid['order.confirmed'], currency: 'yen' },
      'currency: must be an ISO 4217 code',
    ],
    [
      'an order naming neither queue nor campaign',
      without(valid['order.confirmed']!, 'queue'),
      'queue: is required: an order names its queue or its campaign',
    ],
    [
      'an order item with qty 0',
      { ...valid['order.confirmed'], items: [{ sku: 'A', qty: 0 }] },
      'items.0.qty: must be an integer ≥ 1',
    ],
    ['a payment without orderId', without(valid['order.paid']!, 'orderId'), 'orderId: is required'],
    [
      'a payment without amount',
      without(valid['order.paid']!, 'amount'),
      'amount: must be a number',
    ],
    [
      'a payment without currency',
      without(valid['order.paid']!, 'currency'),
      'currency: is required',
    ],
    [
      'a payment in another currency',
      { ...valid['order.paid'], currency: 'USD' },
      'currency: tenant "default" reports in JPY, not USD',
    ],
    ['a negative payment', { ...valid['order.paid'], amount: -1 }, 'amount: must not be negative'],
    [
      'a payment with an empty method',
      { ...valid['order.paid'], method: '' },
      'method: must not be empty',
    ],
    ['a hold without reason', without(valid['order.held']!, 'reason'), 'reason: is required'],
    ['a hold without orderId', without(valid['order.held']!, 'orderId'), 'orderId: is required'],
    [
      'a shipment without orderId',
      without(valid['order.shipped']!, 'orderId'),
      'orderId: is required',
    ],
    [
      'a shipment with an orderId of 129 characters',
      { ...valid['order.shipped'], orderId: 'o'.repeat(129) },
      'orderId: must be at most 128 characters',
    ],
    [
      'a shipment whose tracking is a number',
      { ...valid['order.shipped'], tracking: 1234 },
      'tracking: must be a string',
    ],
    ['a return without reason', without(valid['order.returned']!, 'reason'), 'reason: is required'],
    [
      'a return with an empty reason',
      { ...valid['order.returned'], reason: '' },
      'reason: must not be empty',
    ],
    [
      'a refund without its currency',
      without(valid['order.returned with its refund']!, 'currency'),
      'currency: is required with an amount',
    ],
    [
      'a refund in another currency',
      { ...valid['order.returned with its refund'], currency: 'EUR' },
      'currency: tenant "default" reports in JPY, not EUR',
    ],
    [
      'a refund with 3 decimals',
      { ...valid['order.returned with its refund'], amount: 1.005 },
      'amount: must have at most 2 decimal places',
    ],
    ['a list load without listId', without(valid['list.loaded']!, 'listId'), 'listId: is required'],
    [
      'a list load without campaign',
      without(valid['list.loaded']!, 'campaign'),
      'campaign: is required',
    ],
    [
      'a list load of 0 entries',
      { ...valid['list.loaded'], count: 0 },
      'count: must be an integer from 1 to 10000000',
    ],
    [
      'a list load over 10,000,000 entries',
      { ...valid['list.loaded'], count: 10_000_001 },
      'count: must be an integer from 1 to 10000000',
    ],
    [
      'a list load of 2.5 entries',
      { ...valid['list.loaded'], count: 2.5 },
      'count: must be an integer from 1 to 10000000',
    ],
    [
      'a list load whose count is a string',
      { ...valid['list.loaded'], count: '5000' },
      'count: must be an integer from 1 to 10000000',
    ],
    [
      'a dial with an entryId of 129 characters',
      { ...valid['call.dialed of a list entry'], entryId: 'e'.repeat(129) },
      'entryId: must be at most 128 characters',
    ],
    [
      'a dial with an empty listId',
      { ...valid['call.dialed of a list entry'], listId: '' },
      'listId: must not be empty',
    ],
    [
      'a connect with a numeric entryId',
      { ...valid['call.connected outbound of a list entry'], entryId: 42 },
      'entryId: must be a string',
    ],
    [
      'a failed dial without outcome',
      without(valid['call.failed']!, 'outcome'),
      'outcome: must be one of no_answer, busy, invalid_number, fax, answering_machine, rejected, other',
    ],
    [
      'a failed dial with an unknown outcome',
      { ...valid['call.failed'], outcome: 'voicemail' },
      'outcome: must be one of no_answer, busy, invalid_number, fax, answering_machine, rejected, other',
    ],
    [
      'a failed dial marked inbound',
      { ...valid['call.failed'], direction: 'inbound' },
      'direction: must be "outbound"',
    ],
    [
      'a failed dial without campaign',
      without(valid['call.failed']!, 'campaign'),
      'campaign: is required',
    ],
    [
      'a failed dial without callId',
      without(valid['call.failed']!, 'callId'),
      'callId: is required',
    ],
    [
      'an agent state outside the list',
      { ...valid['agent.state'], state: 'lunch' },
      'state: must be one of logged_out, available, on_call, wrap, not_ready, break',
    ],
    [
      'an agent state without agentId',
      without(valid['agent.state']!, 'agentId'),
      'agentId: is required',
    ],
    [
      'a called-back mark without the call it marks',
      without(valid['callback.marked']!, 'callId'),
      'callId: is required',
    ],
    [
      'attrs with a number value',
      { ...valid['call.offered'], attrs: { n: 1 } },
      'attrs.n: values must be strings',
    ],
    [
      'attrs with 33 keys',
      {
        ...valid['call.offered'],
        attrs: Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, 'v'])),
      },
      'attrs: must have at most 32 keys',
    ],
    [
      'an event over 16 KiB',
      { ...valid['call.offered'], attrs: { note: 'x'.repeat(16_400) } },
      'bytes is over the limit of 16384 bytes',
    ],
  ])('rejects %s', (_name, raw, reason) => {
    const result = validateEvent(raw, context);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });

  it('accepts an event 5 minutes ahead of the receiving clock (clock skew)', () => {
    const event = { ...valid['call.offered'], occurredAt: '2026-11-24T01:12:00.000Z' };
    expect(validateEvent(event, context).ok).toBe(true);
  });

  it('checks the currency against the tenant of the event', () => {
    const event = { ...valid['order.confirmed'], tenant: 'nyc', currency: 'USD', amount: 12.5 };
    expect(validateEvent(event, context).ok).toBe(true);
  });

  it('names every problem of an event at once', () => {
    const result = validateEvent({ ...valid['call.abandoned'], waitMs: -1, queue: '' }, context);
    expect(result.ok ? '' : result.reason).toBe(
      'queue: must not be empty; waitMs: must be an integer ≥ 0',
    );
  });

  it('refuses text no store can keep, naming where it is', () => {
    const lone = JSON.parse('"bad \\ud800 text"') as string;
    const reason = (event: unknown) => {
      const result = validateEvent(event, context);
      return result.ok ? '' : result.reason;
    };
    expect(reason({ ...valid['call.offered'], queue: lone })).toBe(
      'queue: not valid Unicode text (a lone surrogate such as \\ud800)',
    );
    expect(reason({ ...valid['call.offered'], attrs: { [lone]: 'x' } })).toBe(
      'attrs: a key is not valid Unicode text',
    );
    expect(reason({ ...valid['call.offered'], items: [{ sku: 'a' }, { sku: lone }] })).toBe(
      'items[1].sku: not valid Unicode text (a lone surrogate such as \\ud800)',
    );
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    expect(reason({ ...valid['call.offered'], attrs: deep })).toMatch(
      /^attrs(\.a)+: nested deeper than an event can be \(16\)$/,
    );
  });
});
