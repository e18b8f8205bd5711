/**
 * What happens to a phone order after the call, as the EC system and the warehouse report it
 * (docs/kpis.md, Orders): payment, holds, the shipping instruction, returns, and the ways it
 * goes wrong — a variant never pinned down on the call (held `item_unidentified`, or shipped
 * wrong and returned `wrong_variant`), a payment that never comes, an order the EC link lost.
 * The whole life is planned when the order is confirmed; the simulator emits each step when
 * its time comes.
 */
import {
  addDays,
  DAY_MS,
  HOUR_MS,
  type LocalTime,
  MINUTE_MS,
  parseWindow,
  weekdayOf,
  type ClockWindow,
} from './local-time';
import { chance, clamp, lognormal, uniform, weighted, type Rng } from './random';
import { catalogueItem, type OrderLine } from './catalogue';

/** The knobs of an order's life after the call (profile.ts: `SimulationProfile.fulfilment`). */
export interface FulfilmentProfile {
  /** Payment methods by share; see PAYMENT_DELAYS for when each pays. */
  readonly payments: Readonly<Record<PaymentMethod, number>>;
  /** Share of deferred payments (konbini, bank transfer) never made: cancelled at the deadline. */
  readonly unpaidShare: number;
  /** How long a deferred payment may take before the order is cancelled (konbini: days). */
  readonly paymentDeadlineMs: number;
  /** Local hours 'HH:MM-HH:MM' in which the warehouse takes shipping instructions. */
  readonly warehouseHours: string;
  /** ISO weekdays the warehouse works. */
  readonly warehouseDays: readonly number[];
  /** Share of orders with a variant line that the EC system cannot link: `item_unidentified`. */
  readonly heldShare: number;
  /** Share of those holds resolved by a call-back (then shipped); the rest are cancelled. */
  readonly holdResolvedShare: number;
  /** Share of paid goods orders silently lost between EC and warehouse: no hold, no shipment. */
  readonly lostShare: number;
  /** Share of goods orders waiting for stock a few days before they ship. */
  readonly backorderShare: number;
  /** Share of shipped orders with a variant line that went out in the wrong variant. */
  readonly wrongVariantShare: number;
  /** Share of shipped goods orders returned for other reasons (changed mind, damaged). */
  readonly otherReturnShare: number;
}

export const PAYMENT_METHODS = ['card', 'konbini', 'bank_transfer', 'cod'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Mean delay to payment: card within minutes, konbini within a day or two, cash on delivery. */
const PAYMENT_DELAYS: Readonly<Record<PaymentMethod, number>> = {
  card: 4 * MINUTE_MS,
  konbini: 20 * HOUR_MS,
  bank_transfer: 40 * HOUR_MS,
  // From the shipment: the courier collects on delivery.
  cod: 36 * HOUR_MS,
};
/** A card keyed in on the call is sometimes authorised before the agent confirms the order. */
const CARD_BEFORE_CONFIRMATION = 0.15;
const CARRIERS = { yamato: 0.55, sagawa: 0.3, japanpost: 0.15 };
const OTHER_RETURNS = { changed_mind: 0.7, damaged: 0.3 };

export const DEFAULT_FULFILMENT: FulfilmentProfile = {
  payments: { card: 0.5, konbini: 0.2, bank_transfer: 0.1, cod: 0.2 },
  unpaidShare: 0.05,
  paymentDeadlineMs: 5 * DAY_MS,
  warehouseHours: '09:00-18:00',
  warehouseDays: [1, 2, 3, 4, 5, 6],
  heldShare: 0.04,
  holdResolvedShare: 0.7,
  lostShare: 0.006,
  backorderShare: 0.03,
  wrongVariantShare: 0.02,
  otherReturnShare: 0.015,
};

/** One step of an order's life; `cancel` ends it (nothing after it happens). */
export type OrderStep =
  | { readonly at: number; readonly type: 'order.paid'; readonly method: PaymentMethod }
  | { readonly at: number; readonly type: 'order.held'; readonly reason: string }
  | {
      readonly at: number;
      readonly type: 'order.shipped';
      readonly carrier?: string;
      readonly tracking?: string;
    }
  | { readonly at: number; readonly type: 'order.returned'; readonly reason: string }
  | { readonly at: number; readonly type: 'cancel'; readonly reason: string };

export interface OrderToPlan {
  readonly items: readonly OrderLine[];
  readonly confirmedAt: number;
  /** The customer's own cancellation (the profile's cancelShare), if there is one. */
  readonly cancel: { readonly at: number; readonly reason: string } | undefined;
}

/** The warehouse's calendar: when a shipping instruction ready at `t` goes out. */
export class Warehouse {
  private readonly hours: ClockWindow;

  constructor(
    private readonly profile: FulfilmentProfile,
    private readonly local: LocalTime,
  ) {
    this.hours = parseWindow(profile.warehouseHours, 'profile.fulfilment.warehouseHours');
  }

  /** The first warehouse minute at or after `t` (then a short pick of the batch). */
  nextOpen(t: number, rng: Rng): number {
    const today = this.local.dateOf(t);
    for (let d = 0; d <= 7; d++) {
      const date = addDays(today, d);
      const opens = this.local.toEpoch(date, this.hours.start);
      const closes = this.local.toEpoch(date, this.hours.end);
      if (!this.profile.warehouseDays.includes(weekdayOf(date))) continue;
      if (t < closes) return Math.max(t, opens + uniform(rng, 0, 2 * HOUR_MS));
    }
    return t;
  }
}

/**
 * The steps after an order's confirmation, in time order and cut at a cancellation. Goods go
 * out through the warehouse; an order of services only is fulfilled (shipped, no carrier)
 * minutes after payment.
 */
export function planOrder(
  rng: Rng,
  order: OrderToPlan,
  profile: FulfilmentProfile,
  warehouse: Warehouse,
): OrderStep[] {
  const { confirmedAt } = order;
  const goods = order.items.some((line) => catalogueItem(line.sku).ships);
  // Only goods can go out in the wrong colour or size.
  const variant = order.items.some(
    (line) => line.variant !== undefined && catalogueItem(line.sku).ships,
  );
  const steps: OrderStep[] = [];
  let method = weighted(rng, profile.payments) as PaymentMethod;
  if (!goods && method === 'cod') method = 'card';

  // Payment (cash on delivery comes after the shipment, below).
  let paidAt: number | undefined;
  if (method === 'card') {
    const early = chance(rng, CARD_BEFORE_CONFIRMATION);
    paidAt = early
      ? confirmedAt - uniform(rng, 20_000, 90_000)
      : confirmedAt + clamp(lognormal(rng, PAYMENT_DELAYS.card, 0.8), 30_000, HOUR_MS);
  } else if (method !== 'cod') {
    if (chance(rng, profile.unpaidShare)) {
      steps.push({ at: confirmedAt + profile.paymentDeadlineMs, type: 'cancel', reason: 'unpaid' });
    } else {
      const delay = lognormal(rng, PAYMENT_DELAYS[method], 0.9);
      paidAt = confirmedAt + clamp(delay, 10 * MINUTE_MS, profile.paymentDeadlineMs - HOUR_MS);
    }
  }
  if (paidAt !== undefined) steps.push({ at: paidAt, type: 'order.paid', method });
  if (order.cancel) steps.push({ ...order.cancel, type: 'cancel' });

  // Ready to ship: paid, or confirmed for cash on delivery; an unpaid order never ships.
  let readyAt = method === 'cod' ? confirmedAt : paidAt;
  if (readyAt !== undefined && goods && variant && chance(rng, profile.heldShare)) {
    // The EC import cannot match the line to a variant: held until someone calls the customer.
    const heldAt =
      confirmedAt + clamp(lognormal(rng, 90 * MINUTE_MS, 0.7), 10 * MINUTE_MS, 6 * HOUR_MS);
    steps.push({ at: heldAt, type: 'order.held', reason: 'item_unidentified' });
    const settledAt = heldAt + clamp(lognormal(rng, 30 * HOUR_MS, 0.6), 2 * HOUR_MS, 5 * DAY_MS);
    if (chance(rng, profile.holdResolvedShare)) readyAt = Math.max(readyAt, settledAt);
    else {
      steps.push({ at: settledAt, type: 'cancel', reason: 'item_unidentified' });
      readyAt = undefined;
    }
  } else if (readyAt !== undefined && goods && chance(rng, profile.lostShare)) {
    // Paid for something that never ships: found when the customer calls to ask where it is.
    const noticedAt = readyAt + clamp(lognormal(rng, 7 * DAY_MS, 0.3), 3 * DAY_MS, 12 * DAY_MS);
    if (chance(rng, 0.6)) readyAt = noticedAt;
    else {
      steps.push({ at: noticedAt, type: 'cancel', reason: 'customer_request' });
      readyAt = undefined;
    }
  } else if (readyAt !== undefined && goods && chance(rng, profile.backorderShare)) {
    readyAt += uniform(rng, 2 * DAY_MS, 6 * DAY_MS);
  }

  if (readyAt !== undefined) {
    const shippedAt = goods
      ? warehouse.nextOpen(
          readyAt + clamp(lognormal(rng, 2 * HOUR_MS, 0.5), 20 * MINUTE_MS, 8 * HOUR_MS),
          rng,
        )
      : readyAt + uniform(rng, MINUTE_MS, 10 * MINUTE_MS);
    steps.push(
      goods
        ? {
            at: shippedAt,
            type: 'order.shipped',
            carrier: weighted(rng, CARRIERS),
            tracking: tracking(rng),
          }
        : { at: shippedAt, type: 'order.shipped' },
    );
    if (method === 'cod') {
      const delivered = clamp(lognormal(rng, PAYMENT_DELAYS.cod, 0.4), 12 * HOUR_MS, 5 * DAY_MS);
      steps.push({ at: shippedAt + delivered, type: 'order.paid', method });
    }
    const returnAt = shippedAt + clamp(lognormal(rng, 6 * DAY_MS, 0.4), 3 * DAY_MS, 14 * DAY_MS);
    if (goods && variant && chance(rng, profile.wrongVariantShare))
      steps.push({ at: returnAt, type: 'order.returned', reason: 'wrong_variant' });
    else if (goods && chance(rng, profile.otherReturnShare))
      steps.push({ at: returnAt, type: 'order.returned', reason: weighted(rng, OTHER_RETURNS) });
  }
  return cutAtCancellation(steps);
}

/**
 * Time order, ending at the first cancellation. A cancellation after the shipment never
 * happens (the goods are on their way: that is a return).
 */
function cutAtCancellation(steps: OrderStep[]): OrderStep[] {
  steps.sort((a, b) => a.at - b.at);
  const out: OrderStep[] = [];
  let shipped = false;
  for (const step of steps) {
    if (step.type === 'cancel') {
      if (shipped) continue;
      out.push(step);
      break;
    }
    if (step.type === 'order.shipped') shipped = true;
    out.push(step);
  }
  return out;
}

/** A 12-digit slip number, as Japanese carriers print them. */
function tracking(rng: Rng): string {
  let digits = '';
  for (let i = 0; i < 12; i++) digits += String(Math.floor(rng() * 10));
  return digits;
}
