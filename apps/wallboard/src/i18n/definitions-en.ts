import type { WallboardTenantView } from '@mieruka/contracts';
import type { HistoryKpi } from '../kpi/kpi-keys';

type Variant = WallboardTenantView['serviceLevel']['variant'];

/** One KPI's definition: what it counts, in plain words, and its formula. */
interface Definition {
  readonly what: string;
  readonly formula: string;
}

/**
 * What each KPI of the drill-down means, in plain words, following docs/kpis.md (the one
 * definition the live fold and the history SQL both compute). The tenant's own settings are
 * named parameters, filled in by kpi/definitions.ts: {threshold} and {shortAbandon} (seconds),
 * {currency} (its name), {timezone}, {variant} (the rule's name as the tile prints it).
 * Service level has one formula and one explanation per variant, since the tenant chooses.
 * No `|` or `@` in these texts: vue-i18n reads them as plural and linked-message syntax.
 */
export const definitionsEn = {
  heading: 'Definition: {kpi}',
  formula: 'Formula',
  source: 'All definitions: docs/kpis.md',
  kpis: {
    offered: {
      what: 'Incoming calls offered to a queue, counted when each call arrives, whether it is answered or not.',
      formula: 'number of calls offered',
    },
    answered: {
      what: 'Incoming calls an agent picked up, counted at the moment the call is connected.',
      formula: 'number of inbound calls connected to an agent',
    },
    answeredInSL: {
      what: 'Answered calls whose caller waited {threshold} seconds or less: the calls that met the service-level target.',
      formula: 'answered calls with a wait ≤ {threshold} s',
    },
    abandoned: {
      what: 'Inbound calls that left the queue before anyone answered: the caller hung up, the queue timed out, the caller left by key, or nobody was staffed.',
      formula: 'number of abandoned calls',
    },
    shortAbandoned: {
      what: 'Abandoned calls where the caller hung up in under {shortAbandon} seconds. These are mostly misdials, so the abandon rate leaves them out. A queue timeout or an empty queue is never one.',
      formula: 'caller hang-ups with a wait < {shortAbandon} s',
    },
    abandonedCallerHangup: {
      what: 'Abandoned calls where the caller hung up while waiting (also those whose phone system did not say why). Only these can be short abandons.',
      formula: 'abandoned calls with reason caller_hangup or none',
    },
    abandonedTimeout: {
      what: 'Calls the queue gave up on: the caller waited as long as the queue allows and was sent elsewhere. Never a short abandon.',
      formula: 'abandoned calls with reason timeout',
    },
    abandonedKey: {
      what: 'Calls where the caller pressed a key to leave the queue for another option (a callback, voicemail). Never a short abandon.',
      formula: 'abandoned calls with reason key',
    },
    abandonedEmpty: {
      what: 'Calls that left the queue because nobody was logged in to take them. Never a short abandon: an unstaffed queue must not look better.',
      formula: 'abandoned calls with reason empty',
    },
    abandonedOther: {
      what: 'Calls that left the queue unanswered for another reason the phone system gave.',
      formula: 'abandoned calls with reason other',
    },
    dialed: {
      what: 'Outbound calls placed, whether or not the customer answered.',
      formula: 'number of calls dialled',
    },
    connectedOutbound: {
      what: 'Outbound calls the customer answered.',
      formula: 'number of outbound calls connected',
    },
    failedDials: {
      what: 'Outbound dials that did not reach the customer: no answer, busy, a dead number, a fax, an answering machine, rejected or another failure the dialer gave.',
      formula: 'number of failed dials (call.failed), whatever the outcome',
    },
    wrapped: {
      what: 'Calls an agent finished, after-call work included, counted when the wrap-up ends.',
      formula: 'number of calls wrapped up',
    },
    orders: {
      what: 'Orders confirmed. Cancellations are not taken off here (see net orders).',
      formula: 'number of orders confirmed',
    },
    cancelledOrders: {
      what: 'Orders cancelled.',
      formula: 'number of orders cancelled',
    },
    netOrders: {
      what: 'The orders that stand: confirmed orders minus cancellations.',
      formula: 'orders − cancelled orders',
    },
    revenue: {
      what: 'Money taken in orders ({currency}): confirmed amounts less the amounts of cancelled orders, counted when an order is confirmed or cancelled.',
      formula: 'confirmed order amounts − cancelled order amounts',
    },
    paidOrders: {
      what: 'Payments the EC system reported, counted where the order was taken (the agent, queue and team of its confirmation).',
      formula: 'number of order.paid events',
    },
    heldOrders: {
      what: 'Holds the EC system put on orders — an item it could not identify, a failed payment, an incomplete address — counted where the order was taken.',
      formula: 'number of order.held events',
    },
    shippedOrders: {
      what: 'Shipping instructions that reached the warehouse, counted where the order was taken.',
      formula: 'number of order.shipped events',
    },
    returnedOrders: {
      what: 'Returns, for any reason, counted where the order was taken — however long after it.',
      formula: 'number of order.returned events',
    },
    wrongItemReturns: {
      what: 'Returns because the wrong item or variant was sent: what a variant not confirmed on the call leads to.',
      formula: 'returns with reason wrong_item or wrong_variant',
    },
    serviceLevel: {
      what: 'The share of callers answered within {threshold} seconds, this tenant’s service-level threshold.',
      formula: {
        abandons_count:
          'answered within {threshold} s ÷ (answered + abandoned − abandoned in under {shortAbandon} s)',
        answered_only: 'answered within {threshold} s ÷ answered',
        abandons_after_threshold:
          'answered within {threshold} s ÷ (answered + abandoned after waiting more than {threshold} s)',
      },
      rule: {
        abandons_count:
          'Rule in force: “{variant}” (the default). Callers who gave up count against the centre, except those who hung up in under {shortAbandon} seconds (misdials).',
        answered_only:
          'Rule in force: “{variant}”. Abandoned calls are ignored, which flatters the number when many callers give up.',
        abandons_after_threshold:
          'Rule in force: “{variant}”. Only callers who waited more than {threshold} seconds before hanging up count against the centre.',
      },
    },
    abandonRate: {
      what: 'The share of callers who hung up before being answered, not counting those who hung up in under {shortAbandon} seconds (misdials).',
      formula:
        '(abandoned − abandoned in under {shortAbandon} s) ÷ (answered + abandoned − abandoned in under {shortAbandon} s)',
    },
    asaMs: {
      what: 'How long answered callers waited, on average, before an agent picked up. Abandoned calls are not in it.',
      formula: 'total wait of answered calls ÷ answered calls',
    },
    ahtMs: {
      what: 'The average time one call takes: talk, hold and after-call work together, counted when the wrap-up ends.',
      formula: '(talk + hold + after-call work) ÷ calls handled',
    },
    connectRate: {
      what: 'The share of outbound calls the customer answered.',
      formula: 'connected outbound calls ÷ calls dialled',
    },
    conversionRate: {
      what: 'Orders for each conversation with a customer, inbound and outbound together.',
      formula: 'orders ÷ (answered + connected outbound)',
    },
    aov: {
      what: 'The average value of an order that stands ({currency}).',
      formula: 'revenue ÷ net orders',
    },
    fcr: {
      what: 'The share of handled calls resolved at the first contact. Calls whose wrap-up says neither resolved nor unresolved are left out.',
      formula: 'handled calls marked resolved ÷ handled calls marked resolved or unresolved',
    },
    occupancy: {
      what: 'Of the time agents were ready for calls, the share they spent on calls and wrap-up.',
      formula: '(on call + wrap-up) ÷ (on call + wrap-up + available), in agent time',
    },
    utilization: {
      what: 'Of all the time agents were logged in, breaks and not-ready included, the share they spent on calls and wrap-up.',
      formula: '(on call + wrap-up) ÷ (available + on call + wrap-up + not ready + break)',
    },
    ordersPerAgentHour: {
      what: 'Orders for each hour agents were logged in.',
      formula: 'orders ÷ logged-in hours (available + on call + wrap-up + not ready + break)',
    },
    wrongItemRate: {
      what: 'Wrong-item returns for each shipment in the same span.',
      formula: 'wrong-item returns ÷ orders shipped',
    },
  },
  notes: {
    zeroDenominator: 'When the divisor is zero the value shows as “—”, never as 0.',
    agentTime:
      'Agent time counts from each agent’s first known state. By queue or campaign it stays empty: agent states name an agent and a team, never a queue.',
    sameNumber:
      'Computed exactly as on the wallboard: a day’s point is what the “Today” tile showed at the end of that day, a 15-minute point what the “This 15 minutes” tile showed at its end.',
    timezone: 'Days and hours are this tenant’s local time ({timezone}).',
  },
} satisfies {
  heading: string;
  formula: string;
  source: string;
  kpis: { [K in Exclude<HistoryKpi, 'serviceLevel'>]: Definition } & {
    serviceLevel: {
      what: string;
      formula: Record<Variant, string>;
      rule: Record<Variant, string>;
    };
  };
  notes: Record<string, string>;
};
