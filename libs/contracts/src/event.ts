import { z } from 'zod';
import { isRfc3339 } from './epoch';

/**
 * The canonical call event, version 1 (see docs/events.md). Every CTI source is mapped onto
 * this one shape; everything downstream only ever sees values that passed `callEventSchema`.
 * Messages are written for the person reading a dead letter: `waitMs: must be an integer ≥ 0`.
 */

export const EVENT_TYPES = [
  'call.offered',
  'call.dialed',
  'call.connected',
  'call.abandoned',
  'call.wrapped',
  'order.confirmed',
  'order.cancelled',
  'order.paid',
  'order.held',
  'order.shipped',
  'order.returned',
  'list.loaded',
  'call.failed',
  'agent.state',
  'callback.marked',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const AGENT_STATES = [
  'logged_out',
  'available',
  'on_call',
  'wrap',
  'not_ready',
  'break',
] as const;
export type AgentState = (typeof AGENT_STATES)[number];

/** Durations are below one day: anything longer is a clock or unit error at the source. */
/**
 * Why an inbound call left the queue unanswered (v2). Only a caller's hang-up can be a short
 * abandon; the queue giving up, a key pressed for another option, or no one staffed never is.
 */
export const ABANDON_REASONS = ['caller_hangup', 'timeout', 'key', 'empty', 'other'] as const;
export type AbandonReason = (typeof ABANDON_REASONS)[number];

/**
 * How an outbound dial ended without a connect (v2, `call.failed`): the breakdown a supervisor
 * reads to judge a list's quality (現アナ = invalid_number, 留守電 = answering_machine).
 */
export const DIAL_OUTCOMES = [
  'no_answer',
  'busy',
  'invalid_number',
  'fax',
  'answering_machine',
  'rejected',
  'other',
] as const;
export type DialOutcome = (typeof DIAL_OUTCOMES)[number];

/** The most entries one `list.loaded` may register (登録数). */
export const MAX_LIST_COUNT = 10_000_000;

export const MAX_DURATION_MS = 86_400_000;
/** Amounts are stored as Decimal(18, 2); this keeps every accepted amount representable. */
export const MAX_AMOUNT = 1e15;
/** A serialized event larger than this is rejected before it is parsed further. */
export const MAX_EVENT_BYTES = 16 * 1024;

const text = (max: number) =>
  z
    .string({ error: 'must be a string' })
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);

const eventId = z
  .string({ error: 'must be a string' })
  .regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be 1–128 characters of A–Z a–z 0–9 . _ : -');

export const tenantIdSchema = z
  .string({ error: 'must be a string' })
  .regex(/^[a-z0-9_-]{1,64}$/, 'must be 1–64 characters of a–z 0–9 _ -');

export const timestampSchema = z
  .string({ error: 'must be a string' })
  .refine(
    isRfc3339,
    'not an RFC 3339 timestamp with an offset (e.g. 2026-11-23T09:00:00.000+09:00)',
  );

const duration = z
  .number({ error: 'must be an integer ≥ 0' })
  .int('must be an integer ≥ 0')
  .min(0, 'must be an integer ≥ 0')
  .lt(MAX_DURATION_MS, `must be below ${MAX_DURATION_MS} (24 hours)`);

const hasAtMostTwoDecimals = (n: number) => Math.round(n * 100) / 100 === n;

/** A JSON number or a decimal string; normalised to a number with at most two decimals. */
const amount = z
  .union(
    [
      z.number(),
      z
        .string()
        .regex(
          /^\d{1,15}(\.\d{1,2})?$/,
          'must be a decimal string ≥ 0 with at most 2 decimals, such as "12.50"',
        ),
    ],
    {
      error: 'must be a number ≥ 0 with at most 2 decimals (or a decimal string such as "12.50")',
    },
  )
  .transform((v) => (typeof v === 'string' ? Number(v) : v))
  .refine((n) => Number.isFinite(n) && n >= 0, 'must not be negative')
  .refine(hasAtMostTwoDecimals, 'must have at most 2 decimal places')
  .refine((n) => n < MAX_AMOUNT, `must be below ${MAX_AMOUNT}`);

const currency = z
  .string({ error: 'must be a string' })
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as JPY');

const attrs = z
  .record(z.string(), z.string({ error: 'values must be strings' }), {
    error: 'must be an object of string values',
  })
  .refine((o) => Object.keys(o).length <= 32, 'must have at most 32 keys');

const callId = text(128);
const agentId = text(128);
const queue = text(128);
const campaign = text(128);

/** Fields every event may carry; each type below makes the ones it needs required. */
const common = {
  id: eventId,
  occurredAt: timestampSchema,
  tenant: tenantIdSchema.default('default'),
  source: text(64),
  callId: callId.optional(),
  agentId: agentId.optional(),
  queue: queue.optional(),
  campaign: campaign.optional(),
  team: text(128).optional(),
  attrs: attrs.optional(),
};
const inbound = z.literal('inbound', { error: 'must be "inbound"' });
const outbound = z.literal('outbound', { error: 'must be "outbound"' });

const callOffered = z.object({
  ...common,
  type: z.literal('call.offered'),
  callId,
  direction: inbound,
  queue,
});

/** v2: the list (名簿) and its entry an outbound call works through (docs/kpis.md, Lists). */
const listEntry = {
  listId: text(128).optional(),
  entryId: text(128).optional(),
};

const callDialed = z.object({
  ...common,
  type: z.literal('call.dialed'),
  callId,
  direction: outbound,
  campaign,
  ...listEntry,
});

/** v2: an outbound dial that did not connect, and why. */
const callFailed = z.object({
  ...common,
  type: z.literal('call.failed'),
  callId,
  direction: outbound,
  campaign,
  outcome: z.enum(DIAL_OUTCOMES, { error: `must be one of ${DIAL_OUTCOMES.join(', ')}` }),
  ...listEntry,
});

/** v2: entries registered to a call list (名簿); several loads of one list add up. */
const listLoaded = z.object({
  ...common,
  type: z.literal('list.loaded'),
  listId: text(128),
  campaign,
  count: z
    .number({ error: `must be an integer from 1 to ${MAX_LIST_COUNT}` })
    .int(`must be an integer from 1 to ${MAX_LIST_COUNT}`)
    .min(1, `must be an integer from 1 to ${MAX_LIST_COUNT}`)
    .max(MAX_LIST_COUNT, `must be an integer from 1 to ${MAX_LIST_COUNT}`),
});

const callAbandoned = z.object({
  ...common,
  type: z.literal('call.abandoned'),
  callId,
  direction: inbound,
  queue,
  waitMs: duration,
  /** Absent means `caller_hangup`, as every v1 sender meant. */
  reason: z.enum(ABANDON_REASONS).optional(),
});

// call.connected and call.wrapped carry either an inbound queue or an outbound campaign;
// each direction is its own object so the rules per direction stay declarative.
const callConnected = z.discriminatedUnion(
  'direction',
  [
    z.object({
      ...common,
      type: z.literal('call.connected'),
      callId,
      direction: inbound,
      agentId,
      queue,
      waitMs: duration,
    }),
    z.object({
      ...common,
      type: z.literal('call.connected'),
      callId,
      direction: outbound,
      agentId,
      campaign,
      waitMs: duration.optional(),
      ...listEntry,
    }),
  ],
  { error: 'direction: must be "inbound" or "outbound"' },
);

const wrapFields = {
  ...common,
  type: z.literal('call.wrapped'),
  callId,
  agentId,
  talkMs: duration,
  holdMs: duration,
  wrapMs: duration,
  disposition: text(64),
  resolved: z.boolean({ error: 'must be true or false' }).optional(),
};

const callWrapped = z.discriminatedUnion(
  'direction',
  [
    z.object({ ...wrapFields, direction: inbound, queue }),
    z.object({ ...wrapFields, direction: outbound, campaign }),
  ],
  { error: 'direction: must be "inbound" or "outbound"' },
);

const orderItem = z.object({
  sku: text(64),
  qty: z
    .number({ error: 'must be an integer ≥ 1' })
    .int('must be an integer ≥ 1')
    .min(1, 'must be an integer ≥ 1'),
  variant: text(64).optional(),
});

const orderConfirmed = z
  .object({
    ...common,
    type: z.literal('order.confirmed'),
    callId,
    orderId: text(128),
    agentId,
    amount,
    currency,
    items: z
      .array(orderItem, { error: 'must be an array' })
      .max(100, 'at most 100 items')
      .optional(),
  })
  .refine((e) => e.queue !== undefined || e.campaign !== undefined, {
    message: 'is required: an order names its queue or its campaign',
    path: ['queue'],
  });

const orderCancelled = z.object({
  ...common,
  type: z.literal('order.cancelled'),
  callId,
  orderId: text(128),
  agentId,
  amount,
  currency,
  reason: text(256).optional(),
});

/**
 * v2: what happens to an order after the call, as the EC system reports it. None needs the
 * call or the agent (the EC side rarely knows them): the order's `order.confirmed` gives its
 * agent, queue, campaign and team (docs/kpis.md, Orders).
 */
const orderPaid = z.object({
  ...common,
  type: z.literal('order.paid'),
  orderId: text(128),
  amount,
  currency,
  /** Free text: `card`, `cod`, `konbini`, … */
  method: text(64).optional(),
});

const orderHeld = z.object({
  ...common,
  type: z.literal('order.held'),
  orderId: text(128),
  /** Free text; `item_unidentified`, `payment_failed`, `address_incomplete` are the usual. */
  reason: text(256),
});

/** The shipping instruction reached the warehouse (出荷指示). */
const orderShipped = z.object({
  ...common,
  type: z.literal('order.shipped'),
  orderId: text(128),
  carrier: text(64).optional(),
  tracking: text(128).optional(),
});

/** `wrong_item` and `wrong_variant` are the returns the order desk caused. */
export const WRONG_ITEM_REASONS = ['wrong_item', 'wrong_variant'] as const;

const orderReturned = z
  .object({
    ...common,
    type: z.literal('order.returned'),
    orderId: text(128),
    /** `wrong_item`, `wrong_variant`, `damaged`, `changed_mind`, or other text. */
    reason: text(256),
    /** Refunded, where said. */
    amount: amount.optional(),
    currency: currency.optional(),
  })
  .refine((e) => e.amount === undefined || e.currency !== undefined, {
    message: 'is required with an amount',
    path: ['currency'],
  });

/** The order types that take their scope from the order's `order.confirmed`. */
export const ATTRIBUTED_ORDER_TYPES = [
  'order.paid',
  'order.held',
  'order.shipped',
  'order.returned',
] as const satisfies readonly EventType[];

const agentState = z.object({
  ...common,
  type: z.literal('agent.state'),
  agentId,
  state: z.enum(AGENT_STATES, { error: `must be one of ${AGENT_STATES.join(', ')}` }),
  reason: text(256).optional(),
});

/**
 * v2: a person marked an abandoned call as called back (from a phone Mieruka does not see):
 * `callId` is the abandoned call's. Counted in no KPI; the floor's list of abandoned calls
 * reads it as that call's `calledBackAt`. The API writes it (POST …/abandoned-calls/:callId/
 * called-back) with an id derived from the call, so marking twice is one event.
 */
const callbackMarked = z.object({
  ...common,
  type: z.literal('callback.marked'),
  callId,
});

const schemasByType = {
  'call.offered': callOffered,
  'call.dialed': callDialed,
  'call.connected': callConnected,
  'call.abandoned': callAbandoned,
  'call.wrapped': callWrapped,
  'order.confirmed': orderConfirmed,
  'order.cancelled': orderCancelled,
  'order.paid': orderPaid,
  'order.held': orderHeld,
  'order.shipped': orderShipped,
  'order.returned': orderReturned,
  'list.loaded': listLoaded,
  'call.failed': callFailed,
  'agent.state': agentState,
  'callback.marked': callbackMarked,
} as const satisfies Record<EventType, z.ZodType>;

/** The shape of every canonical event, without the checks that need the receiver's context. */
export const callEventSchema = z.union([
  callOffered,
  callDialed,
  callConnected,
  callAbandoned,
  callWrapped,
  orderConfirmed,
  orderCancelled,
  orderPaid,
  orderHeld,
  orderShipped,
  orderReturned,
  listLoaded,
  callFailed,
  agentState,
  callbackMarked,
]);

export type CallEvent = z.output<typeof callEventSchema>;
/** What a source may send: `tenant` may be left out, amounts may be decimal strings. */
export type CallEventInput = z.input<typeof callEventSchema>;

export type EventOfType<T extends EventType> = Extract<CallEvent, { type: T }>;

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}

/** The schema for one type; used by validation so errors name the fields of that type only. */
export function schemaForType(type: EventType): z.ZodType<CallEvent> {
  return schemasByType[type] as z.ZodType<CallEvent>;
}
