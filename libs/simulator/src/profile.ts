/**
 * What the simulated contact centre looks like: queues, campaigns, shifts and the behaviour of
 * callers and agents. `DEFAULT_PROFILE` is a mid-sized Japanese retailer's floor (about 30
 * inbound and 10 outbound agents, ~2,000 inbound calls on a weekday); every field can be
 * overridden through `SimulationOptions.profile`.
 */
import type { ListProfile } from './call-lists';
import { catalogueItem } from './catalogue';
import { DEFAULT_FULFILMENT, PAYMENT_METHODS, type FulfilmentProfile } from './fulfilment';
import { parseClock, parseWindow } from './local-time';

/** Relative weights by key (normalised when drawn; they need not sum to 1). */
export type Weights = Readonly<Record<string, number>>;

/** How a queue's / campaign's calls go once an agent and the customer are talking. */
export interface Handling {
  /** Mean talk time (log-normal); multiplied by `talkScale[disposition]` when present. */
  readonly talkMeanMs: number;
  /** Talk-time multiplier per disposition: a "no thanks" is short, a sale is long. */
  readonly talkScale: Weights;
  /** Share of calls with the customer put on hold at least once. */
  readonly holdShare: number;
  readonly holdMeanMs: number;
  /** Mean after-call work (log-normal, narrow: mostly 30–60 s). */
  readonly wrapMeanMs: number;
  /** Probability that a call with disposition `sale` confirms an order. */
  readonly orderShare: number;
  /** Catalogue SKUs an order on this queue / campaign draws from. */
  readonly skus: readonly string[];
}

export interface QueueProfile extends Handling {
  readonly id: string;
  /** Offered calls on a weekday with factor 1 at `rate` 1. */
  readonly callsPerDay: number;
  /** Relative arrival intensity for each local hour 0–23 (24 numbers, interpolated). */
  readonly hourly: readonly number[];
  /** Local opening hours 'HH:MM-HH:MM'; no call is offered outside. Omit for 24 hours. */
  readonly open?: string;
  /** Dispositions of calls settled on first contact (`resolved: true`). */
  readonly resolvedDispositions: Weights;
  /** Dispositions of calls that were not (`resolved: false`). */
  readonly unresolvedDispositions: Weights;
}

export interface CampaignProfile extends Handling {
  readonly id: string;
  /** Local calling windows 'HH:MM-HH:MM'; the dialer waits outside them. */
  readonly windows: readonly string[];
  /** ISO weekdays (1 = Monday) the dialer runs. */
  readonly days: readonly number[];
  /** Share of attempts the customer answers. */
  readonly connectRate: number;
  /** Ring time until an answering customer picks up. */
  readonly answerMeanMs: number;
  /** How long an unanswered attempt (no answer, busy, voicemail) holds the agent. */
  readonly noAnswerMeanMs: number;
  /** Pause between the end of one attempt and the next dial (divided by `rate`). */
  readonly gapMeanMs: number;
  readonly dispositions: Weights;
  /** The lists (名簿) the dialer works through; omitted: dials name no list. */
  readonly list?: ListProfile;
}

export interface ShiftProfile {
  /** Local start 'HH:MM'; a shift may run past midnight. */
  readonly start: string;
  /** Length in hours (at most 16). */
  readonly hours: number;
  /** ISO weekdays on which this shift starts. */
  readonly days: readonly number[];
  /** Head count. */
  readonly agents: number;
  /** The campaign these agents dial for; omitted: inbound agents, who take every queue. */
  readonly campaign?: string;
}

export interface SimulationProfile {
  /** Teams, assigned round-robin across all agents. */
  readonly teams: readonly string[];
  readonly queues: readonly QueueProfile[];
  readonly campaigns: readonly CampaignProfile[];
  readonly shifts: readonly ShiftProfile[];
  /** Inbound volume factor per ISO weekday, Monday first (7 numbers). */
  readonly weekdayFactors: readonly number[];
  /** Mean caller patience before hanging up (log-normal). */
  readonly patienceMeanMs: number;
  /** Log-normal shape of patience; 1 gives a realistic share of very short abandons. */
  readonly patienceSigma: number;
  /** Share of inbound calls resolved on first contact (the `resolved` flag). */
  readonly fcr: number;
  /** Share of confirmed orders cancelled later. */
  readonly cancelShare: number;
  /** Mean delay from confirmation to cancellation. */
  readonly cancelDelayMeanMs: number;
  /** What happens to orders after the call: payment, holds, shipment, returns (fulfilment.ts). */
  readonly fulfilment: FulfilmentProfile;
  /** Lunch length, for shifts of 6 hours or more. */
  readonly lunchMinutes: number;
  /** Length of each short rest break (one per 4 h shift, two from 7 h). */
  readonly restMinutes: number;
  /** Share of agent-shifts with a training / meeting / coaching session (`not_ready`). */
  readonly notReadyShare: number;
  /**
   * Share of inbound calls that show the caller's number (`attrs.caller`); the rest are
   * withheld. 0 by default, so the default profile's events stay as they always were.
   */
  readonly callerNumbers: number;
}

export type QueueOverride = Partial<QueueProfile> & { readonly id: string };
export type CampaignOverride = Partial<CampaignProfile> & { readonly id: string };

/**
 * Overrides replace the default field by field. A queue or campaign override is merged over
 * the default one with the same id (or over a template for a new id); giving `queues` or
 * `campaigns` at all replaces the whole list.
 */
export type ProfileOverrides = Partial<
  Omit<SimulationProfile, 'queues' | 'campaigns' | 'fulfilment'>
> & {
  readonly queues?: readonly QueueOverride[];
  readonly campaigns?: readonly CampaignOverride[];
  /** Merged field by field over the default. */
  readonly fulfilment?: Partial<FulfilmentProfile>;
};

const WEEKDAYS = [1, 2, 3, 4, 5];
const WEEKEND = [6, 7];
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

// A morning peak at 10–11, a lunchtime dip, an afternoon peak at 14–15, quiet nights.
// prettier-ignore
const SUPPORT_HOURLY = [
  0.35, 0.25, 0.18, 0.15, 0.15, 0.25, 0.6, 1.6, 4.2, 7.0, 9.0, 8.6,
  6.2, 7.4, 8.8, 8.0, 6.4, 4.8, 3.2, 2.2, 1.5, 1.0, 0.7, 0.5,
];
// Order lines also get an evening bump (people order after work).
// prettier-ignore
const ORDERS_HOURLY = [
  0, 0, 0, 0, 0, 0, 0, 0.5, 3.5, 6.5, 8.4, 8.0,
  6.4, 7.2, 8.2, 7.4, 6.2, 5.6, 5.4, 5.8, 4.6, 2.0, 0, 0,
];

const SUPPORT: QueueProfile = {
  id: 'support',
  callsPerDay: 1400,
  hourly: SUPPORT_HOURLY,
  talkMeanMs: 270_000,
  talkScale: { inquiry: 0.6, sale: 1.4, escalated: 1.3 },
  holdShare: 0.3,
  holdMeanMs: 50_000,
  wrapMeanMs: 50_000,
  resolvedDispositions: { resolved: 0.86, inquiry: 0.09, sale: 0.05 },
  unresolvedDispositions: { callback: 0.6, escalated: 0.4 },
  orderShare: 0.95,
  skus: ['SVC-0100', 'PLN-0001', 'PLN-0012'],
};

const ORDERS: QueueProfile = {
  id: 'orders',
  callsPerDay: 800,
  hourly: ORDERS_HOURLY,
  open: '08:00-21:00',
  talkMeanMs: 210_000,
  talkScale: { sale: 1.25, inquiry: 0.7, no_interest: 0.6 },
  holdShare: 0.2,
  holdMeanMs: 40_000,
  wrapMeanMs: 40_000,
  resolvedDispositions: { sale: 0.64, inquiry: 0.22, no_interest: 0.14 },
  unresolvedDispositions: { callback: 0.75, inquiry: 0.25 },
  orderShare: 0.97,
  skus: ['CAT-1042', 'CAT-1107', 'CAT-2210', 'CAT-3001', 'CAT-3350', 'CAT-4120'],
};

/** テレアポ: appointment setting with small businesses, in office hours. */
const TELEAPO: CampaignProfile = {
  id: 'teleapo-smb',
  windows: ['09:30-17:30'],
  days: WEEKDAYS,
  connectRate: 0.27,
  answerMeanMs: 9_000,
  noAnswerMeanMs: 22_000,
  gapMeanMs: 8_000,
  talkMeanMs: 150_000,
  talkScale: { appointment: 1.9, sale: 2.2, callback: 0.8, no_interest: 0.45, do_not_call: 0.3 },
  holdShare: 0.05,
  holdMeanMs: 30_000,
  wrapMeanMs: 40_000,
  dispositions: {
    appointment: 0.16,
    sale: 0.02,
    callback: 0.2,
    no_interest: 0.56,
    do_not_call: 0.06,
  },
  orderShare: 0.9,
  skus: ['BIZ-0300', 'BIZ-0500'],
  // Purchased business lists: a dead number or a fax line is common (現アナ, FAX).
  list: {
    size: 3000,
    maxAttempts: 3,
    redialAfterMs: 3 * 3_600_000,
    invalidShare: 0.07,
    faxShare: 0.03,
  },
};

/** Win-back of lapsed members: consumers, so the dialer runs into the evening. */
const WINBACK: CampaignProfile = {
  id: 'winback-2026',
  windows: ['10:00-20:30'],
  days: WEEKDAYS,
  connectRate: 0.33,
  answerMeanMs: 10_000,
  noAnswerMeanMs: 24_000,
  gapMeanMs: 8_000,
  talkMeanMs: 180_000,
  talkScale: { sale: 1.8, appointment: 1.5, callback: 0.8, no_interest: 0.5, do_not_call: 0.3 },
  holdShare: 0.08,
  holdMeanMs: 35_000,
  wrapMeanMs: 45_000,
  dispositions: {
    sale: 0.13,
    appointment: 0.03,
    callback: 0.19,
    no_interest: 0.58,
    do_not_call: 0.07,
  },
  orderShare: 0.95,
  skus: ['PLN-0012', 'PLN-0001', 'CAT-1042', 'CAT-2210'],
  // Lapsed members: the centre's own numbers, a few gone dead since.
  list: {
    size: 2000,
    maxAttempts: 3,
    redialAfterMs: 4 * 3_600_000,
    invalidShare: 0.04,
    faxShare: 0.005,
  },
};

export const DEFAULT_PROFILE: SimulationProfile = {
  teams: ['blue', 'red', 'green'],
  queues: [SUPPORT, ORDERS],
  campaigns: [TELEAPO, WINBACK],
  shifts: [
    // Inbound: a small night shift keeps the 24-hour support line open; the day is staffed
    // to the curve (morning peak from 08:00, afternoon peak, an evening tail until 22:00).
    { start: '22:00', hours: 9, days: EVERY_DAY, agents: 2 },
    { start: '07:00', hours: 9, days: EVERY_DAY, agents: 3 },
    { start: '08:00', hours: 9, days: WEEKDAYS, agents: 8 },
    { start: '09:00', hours: 9, days: WEEKDAYS, agents: 9 },
    { start: '10:00', hours: 9, days: WEEKDAYS, agents: 3 },
    { start: '12:00', hours: 9, days: WEEKDAYS, agents: 6 },
    { start: '13:00', hours: 9, days: EVERY_DAY, agents: 3 },
    { start: '09:00', hours: 9, days: WEEKEND, agents: 5 },
    // Outbound
    { start: '09:00', hours: 9, days: WEEKDAYS, agents: 8, campaign: 'teleapo-smb' },
    { start: '12:00', hours: 9, days: WEEKDAYS, agents: 5, campaign: 'winback-2026' },
  ],
  weekdayFactors: [1.15, 1, 1, 0.98, 1.05, 0.6, 0.45],
  patienceMeanMs: 60_000,
  patienceSigma: 1,
  fcr: 0.75,
  cancelShare: 0.03,
  cancelDelayMeanMs: 3 * 3_600_000,
  fulfilment: DEFAULT_FULFILMENT,
  lunchMinutes: 60,
  restMinutes: 15,
  notReadyShare: 0.4,
  callerNumbers: 0,
};

/** The default profile with `overrides` applied, checked; throws a RangeError naming the field. */
export function resolveProfile(overrides: ProfileOverrides = {}): SimulationProfile {
  const { queues, campaigns, fulfilment, ...rest } = overrides;
  const profile: SimulationProfile = {
    ...DEFAULT_PROFILE,
    ...definedOnly(rest),
    fulfilment: { ...DEFAULT_PROFILE.fulfilment, ...definedOnly(fulfilment ?? {}) },
    queues: queues
      ? queues.map((q) => mergeOver(DEFAULT_PROFILE.queues, SUPPORT, q))
      : DEFAULT_PROFILE.queues,
    campaigns: campaigns
      ? campaigns.map((c) => mergeOver(DEFAULT_PROFILE.campaigns, WINBACK, c))
      : DEFAULT_PROFILE.campaigns,
  };
  checkProfile(profile);
  return profile;
}

function mergeOver<T extends { readonly id: string }>(
  defaults: readonly T[],
  template: T,
  override: Partial<T> & { readonly id: string },
): T {
  const base = defaults.find((d) => d.id === override.id) ?? template;
  // A new id starts from a template (a support-like queue, a win-back-like campaign), so an
  // override only needs to name what makes it different.
  return { ...base, ...definedOnly(override) };
}

/** Drops keys whose value is undefined, so `{ fcr: undefined }` keeps the default. */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function checkProfile(p: SimulationProfile): void {
  if (p.teams.length === 0) fail('profile.teams', 'must name at least one team');
  p.teams.forEach((team, i) => checkName(team, `profile.teams[${i}]`));
  checkUnique(
    p.queues.map((q) => q.id),
    'profile.queues',
  );
  checkUnique(
    p.campaigns.map((c) => c.id),
    'profile.campaigns',
  );
  p.queues.forEach((q, i) => {
    const at = `profile.queues[${i}]`;
    checkName(q.id, `${at}.id`);
    checkHandling(q, at);
    nonNegative(q.callsPerDay, `${at}.callsPerDay`);
    if (q.hourly.length !== 24 || q.hourly.some((w) => !(w >= 0))) {
      fail(`${at}.hourly`, 'must be 24 weights ≥ 0, one per local hour');
    }
    if (q.open !== undefined) parseWindow(q.open, `${at}.open`);
    checkWeights(q.resolvedDispositions, `${at}.resolvedDispositions`);
    checkWeights(q.unresolvedDispositions, `${at}.unresolvedDispositions`);
  });
  p.campaigns.forEach((c, i) => {
    const at = `profile.campaigns[${i}]`;
    checkName(c.id, `${at}.id`);
    checkHandling(c, at);
    c.windows.forEach((w, j) => parseWindow(w, `${at}.windows[${j}]`));
    checkWeekdays(c.days, `${at}.days`);
    share(c.connectRate, `${at}.connectRate`);
    positive(c.answerMeanMs, `${at}.answerMeanMs`);
    positive(c.noAnswerMeanMs, `${at}.noAnswerMeanMs`);
    positive(c.gapMeanMs, `${at}.gapMeanMs`);
    checkWeights(c.dispositions, `${at}.dispositions`);
    if (c.list) checkList(c.list, `${at}.list`);
  });
  p.shifts.forEach((s, i) => {
    const at = `profile.shifts[${i}]`;
    parseClock(s.start, `${at}.start`);
    if (!(s.hours > 0 && s.hours <= 16)) fail(`${at}.hours`, 'must be above 0 and at most 16');
    checkWeekdays(s.days, `${at}.days`);
    if (!Number.isInteger(s.agents) || s.agents < 0) fail(`${at}.agents`, 'must be an integer ≥ 0');
    if (s.campaign !== undefined && !p.campaigns.some((c) => c.id === s.campaign)) {
      fail(`${at}.campaign`, `"${s.campaign}" is not one of the campaigns`);
    }
  });
  if (p.weekdayFactors.length !== 7 || p.weekdayFactors.some((f) => !(f >= 0))) {
    fail('profile.weekdayFactors', 'must be 7 factors ≥ 0, Monday first');
  }
  positive(p.patienceMeanMs, 'profile.patienceMeanMs');
  positive(p.patienceSigma, 'profile.patienceSigma');
  share(p.fcr, 'profile.fcr');
  share(p.cancelShare, 'profile.cancelShare');
  positive(p.cancelDelayMeanMs, 'profile.cancelDelayMeanMs');
  checkFulfilment(p.fulfilment, 'profile.fulfilment');
  nonNegative(p.lunchMinutes, 'profile.lunchMinutes');
  nonNegative(p.restMinutes, 'profile.restMinutes');
  share(p.notReadyShare, 'profile.notReadyShare');
  share(p.callerNumbers, 'profile.callerNumbers');
}

function checkHandling(h: Handling, at: string): void {
  positive(h.talkMeanMs, `${at}.talkMeanMs`);
  for (const [key, f] of Object.entries(h.talkScale)) positive(f, `${at}.talkScale.${key}`);
  share(h.holdShare, `${at}.holdShare`);
  positive(h.holdMeanMs, `${at}.holdMeanMs`);
  positive(h.wrapMeanMs, `${at}.wrapMeanMs`);
  share(h.orderShare, `${at}.orderShare`);
  if (h.skus.length === 0) fail(`${at}.skus`, 'must name at least one catalogue SKU');
  h.skus.forEach((sku) => catalogueItem(sku));
}

function checkList(l: ListProfile, at: string): void {
  if (!Number.isInteger(l.size) || l.size < 1 || l.size > 10_000_000)
    fail(`${at}.size`, 'must be an integer from 1 to 10000000');
  if (!Number.isInteger(l.maxAttempts) || l.maxAttempts < 1)
    fail(`${at}.maxAttempts`, 'must be an integer ≥ 1');
  positive(l.redialAfterMs, `${at}.redialAfterMs`);
  share(l.invalidShare, `${at}.invalidShare`);
  share(l.faxShare, `${at}.faxShare`);
  if (l.invalidShare + l.faxShare > 1) fail(at, 'invalidShare + faxShare must be at most 1');
}

function checkFulfilment(f: FulfilmentProfile, at: string): void {
  checkWeights(f.payments, `${at}.payments`);
  for (const key of Object.keys(f.payments))
    if (!(PAYMENT_METHODS as readonly string[]).includes(key))
      fail(`${at}.payments`, `"${key}" is not one of ${PAYMENT_METHODS.join(', ')}`);
  share(f.unpaidShare, `${at}.unpaidShare`);
  if (!(f.paymentDeadlineMs >= 2 * 3_600_000 && Number.isFinite(f.paymentDeadlineMs)))
    fail(`${at}.paymentDeadlineMs`, 'must be at least two hours');
  parseWindow(f.warehouseHours, `${at}.warehouseHours`);
  checkWeekdays(f.warehouseDays, `${at}.warehouseDays`);
  if (f.warehouseDays.length === 0) fail(`${at}.warehouseDays`, 'must name at least one day');
  for (const key of [
    'heldShare',
    'holdResolvedShare',
    'lostShare',
    'backorderShare',
    'wrongVariantShare',
    'otherReturnShare',
  ] as const)
    share(f[key], `${at}.${key}`);
}

function checkWeights(w: Weights, at: string): void {
  const values = Object.values(w);
  if (values.some((v) => !(v >= 0)) || !values.some((v) => v > 0)) {
    fail(at, 'must have weights ≥ 0, at least one above 0');
  }
  // Dispositions end up in events, where they are 1–64 characters.
  for (const key of Object.keys(w))
    if (key.length < 1 || key.length > 64) fail(at, `"${key}" must be 1–64 characters`);
}

function checkWeekdays(days: readonly number[], at: string): void {
  if (days.some((d) => !Number.isInteger(d) || d < 1 || d > 7))
    fail(at, 'must be ISO weekdays 1–7');
}

function checkUnique(ids: readonly string[], at: string): void {
  if (new Set(ids).size !== ids.length) fail(at, 'ids must be unique');
}

function checkName(name: string, at: string): void {
  if (name.length < 1 || name.length > 64) fail(at, 'must be 1–64 characters');
}

function share(value: number, at: string): void {
  if (!(value >= 0 && value <= 1)) fail(at, 'must be between 0 and 1');
}

function positive(value: number, at: string): void {
  if (!(value > 0 && Number.isFinite(value))) fail(at, 'must be a number above 0');
}

function nonNegative(value: number, at: string): void {
  if (!(value >= 0 && Number.isFinite(value))) fail(at, 'must be a number ≥ 0');
}

function fail(at: string, message: string): never {
  throw new RangeError(`${at}: ${message}`);
}
