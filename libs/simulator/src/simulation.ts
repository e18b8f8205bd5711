/**
 * The discrete-event simulation of one contact centre. An agenda (binary heap) holds every
 * scheduled action; `advance(until)` runs the actions due up to `until` in time order and
 * returns the canonical events they emitted. Nothing reads a clock or sets a timer, and all
 * randomness comes from one seeded generator consumed in agenda order, so the same options
 * give the same events however time is advanced.
 */
import {
  CALLER_ATTR,
  tenantIdSchema,
  type AgentState,
  type CallEvent,
  type DialOutcome,
} from '@mieruka/contracts';
import { ArrivalCurve } from './arrivals';
import { CampaignLists, MISSED_OUTCOMES } from './call-lists';
import { callerNumber } from './caller';
import { draftOrder } from './catalogue';
import { planOrder, Warehouse, type OrderStep } from './fulfilment';
import { Agenda } from './heap';
import {
  addDays,
  HOUR_MS,
  LocalTime,
  MINUTE_MS,
  parseWindow,
  type ClockWindow,
  type LocalDate,
} from './local-time';
import {
  resolveProfile,
  type CampaignProfile,
  type Handling,
  type ProfileOverrides,
  type QueueProfile,
  type ShiftProfile,
  type SimulationProfile,
} from './profile';
import {
  chance,
  clamp,
  exponential,
  lognormal,
  mulberry32,
  uniform,
  weighted,
  type Rng,
} from './random';
import { planShift, type AuxPlan, type ShiftPlan } from './shifts';

export interface SimulationOptions {
  /** Same seed and options → the same events, id for id. */
  readonly seed: number;
  /** Tenant id, `[a-z0-9_-]{1,64}`. */
  readonly tenant: string;
  /** IANA time zone of the centre, e.g. 'Asia/Tokyo': shifts and the daily curve are local. */
  readonly timezone: string;
  /** ISO 4217 reporting currency, e.g. 'JPY'. */
  readonly currency: string;
  /** Epoch ms at which simulated time begins; agents mid-shift are logged in at this instant. */
  readonly start: number;
  /** Multiplier on inbound arrival rates and on the dialer's pace; staffing is unchanged. Default 1. */
  readonly rate?: number;
  /** Overrides of `DEFAULT_PROFILE` (see profile.ts). */
  readonly profile?: ProfileOverrides;
}

export interface Simulation {
  /** Advance simulated time to `until` (epoch ms) and return the events that happened, ordered by occurredAt. */
  advance(until: number): CallEvent[];
  /** Simulated time reached so far. */
  readonly now: number;
}

export function createSimulation(options: SimulationOptions): Simulation {
  return new Simulator(options);
}

/** What an agent is doing; the published `agent.state` follows from it. */
type Activity = 'off' | 'idle' | 'aux' | 'dialing' | 'talk' | 'wrap';

interface Agent {
  readonly id: string;
  readonly team: string;
  readonly ordinal: number;
  readonly shiftProfile: ShiftProfile;
  /** The campaign an outbound agent dials for; undefined for inbound agents. */
  readonly campaign: Campaign | undefined;
  activity: Activity;
  state: AgentState;
  reason: string | undefined;
  shift: ShiftPlan | undefined;
  /** Index of the next planned break / session in `shift.items`. */
  nextItem: number;
  /** When the agent last became available: the longest-idle agent gets the next call. */
  idleSince: number;
  /**
   * Bumped whenever the agent's activity changes. Actions that only make sense if nothing
   * happened in between (the dialer's next attempt, the end of a break) carry the token they
   * were scheduled with and do nothing when it is stale: cheaper than removing them from the heap.
   */
  token: number;
}

interface Campaign {
  readonly profile: CampaignProfile;
  readonly windows: readonly ClockWindow[];
  readonly lists: CampaignLists | undefined;
}

interface WaitingCall {
  readonly callId: string;
  readonly queue: QueueProfile;
  readonly offeredAt: number;
  /** The caller's number as the PBX reports it on the call's events (`attrs.caller`). */
  readonly attrs: { readonly [CALLER_ATTR]: string } | undefined;
  status: 'waiting' | 'answered' | 'abandoned';
}

type Channel =
  | { readonly direction: 'inbound'; readonly queue: QueueProfile }
  | { readonly direction: 'outbound'; readonly campaign: CampaignProfile };

type Action = (time: number) => void;

/** Log-normal shapes: talk times vary widely, wrap-up much less. */
const TALK_SIGMA = 0.6;
const HOLD_SIGMA = 0.7;
const WRAP_SIGMA = 0.3;
const RING_SIGMA = 0.5;
/** A dead number's announcement (現アナ) ends a dial within seconds. */
const ANNOUNCEMENT_MEAN_MS = 6_000;
const CANCEL_SIGMA = 0.8;
const CANCEL_REASONS = {
  customer_request: 0.55,
  payment_failed: 0.2,
  out_of_stock: 0.15,
  duplicate_order: 0.1,
};

/** The fields every canonical event carries; the simulator fills them in. */
type Envelope = 'id' | 'occurredAt' | 'tenant' | 'source';
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Body = DistributiveOmit<CallEvent, Envelope>;

class Simulator implements Simulation {
  private readonly profile: SimulationProfile;
  private readonly rng: Rng;
  private readonly local: LocalTime;
  private readonly rate: number;
  private readonly agenda = new Agenda<Action>();
  private readonly agents: Agent[] = [];
  private readonly inboundAgents: Agent[] = [];
  private readonly curves: { readonly queue: QueueProfile; readonly curve: ArrivalCurve }[];
  private readonly warehouse: Warehouse;
  /** Inbound calls in arrival order (FIFO across queues); answered/abandoned ones are skipped lazily. */
  private waiting: WaitingCall[] = [];
  private waitingHead = 0;
  /** Prefix of every id: tenant, seed and start, so separate runs never share ids. */
  private readonly tag: string;
  private events = 0;
  private calls = 0;
  private orders = 0;
  private clock: number;
  private out: CallEvent[] = [];

  constructor(private readonly options: SimulationOptions) {
    const { seed, tenant, currency, start } = options;
    if (!Number.isSafeInteger(seed)) throw new RangeError('seed: must be an integer');
    if (!tenantIdSchema.safeParse(tenant).success)
      throw new RangeError('tenant: must be 1–64 characters of a–z 0–9 _ -');
    if (!/^[A-Z]{3}$/.test(currency))
      throw new RangeError('currency: must be an ISO 4217 code such as JPY');
    if (!Number.isSafeInteger(start)) throw new RangeError('start: must be an integer epoch ms');
    this.rate = options.rate ?? 1;
    if (!(this.rate >= 0 && Number.isFinite(this.rate)))
      throw new RangeError('rate: must be a number ≥ 0');
    this.local = new LocalTime(options.timezone);
    this.profile = resolveProfile(options.profile);
    this.rng = mulberry32(seed);
    this.clock = start;
    this.tag = `sim-${tenant}-${seed}-${start.toString(36)}`;

    const campaigns = new Map(
      this.profile.campaigns.map((c, i) => [
        c.id,
        {
          profile: c,
          windows: c.windows.map((w, j) => parseWindow(w, `profile.campaigns[${i}].windows[${j}]`)),
          lists: c.list ? new CampaignLists(c.id, c.list) : undefined,
        },
      ]),
    );
    let inbound = 0;
    let outbound = 0;
    for (const shiftProfile of this.profile.shifts) {
      for (let n = 0; n < shiftProfile.agents; n++) {
        const campaign =
          shiftProfile.campaign === undefined ? undefined : campaigns.get(shiftProfile.campaign);
        const ordinal = this.agents.length;
        const id = campaign ? `out-${pad(++outbound, 3)}` : `in-${pad(++inbound, 3)}`;
        const team = this.profile.teams[ordinal % this.profile.teams.length] ?? 'default';
        const agent: Agent = {
          id,
          team,
          ordinal,
          shiftProfile,
          campaign,
          activity: 'off',
          state: 'logged_out',
          reason: undefined,
          shift: undefined,
          nextItem: 0,
          idleSince: start,
          token: 0,
        };
        this.agents.push(agent);
        if (!campaign) this.inboundAgents.push(agent);
      }
    }
    this.warehouse = new Warehouse(this.profile.fulfilment, this.local);
    this.curves = this.profile.queues.map((queue) => ({
      queue,
      curve: new ArrivalCurve(queue, this.profile.weekdayFactors, this.rate),
    }));

    // Yesterday's shifts may still be running (a night shift) and tomorrow's may start before
    // its midnight (early logins); from then on each midnight plans the day after next.
    const today = this.local.dateOf(start);
    for (const offset of [-1, 0, 1]) this.planDay(addDays(today, offset));
    this.planAheadAt(addDays(today, 2));
    for (const { queue, curve } of this.curves) this.scheduleArrival(queue, curve, start);
  }

  get now(): number {
    return this.clock;
  }

  advance(until: number): CallEvent[] {
    if (!Number.isFinite(until)) throw new RangeError('until: must be a finite epoch ms');
    const out: CallEvent[] = [];
    this.out = out;
    for (
      let due = this.agenda.peekTime();
      due !== undefined && due <= until;
      due = this.agenda.peekTime()
    ) {
      const entry = this.agenda.pop();
      if (!entry) break;
      this.clock = entry.time;
      entry.value(entry.time);
    }
    this.clock = Math.max(this.clock, until);
    return out;
  }

  // ---- scheduling -------------------------------------------------------------------------

  private schedule(time: number, action: Action): void {
    // Never in the past: an action always runs after the one that scheduled it.
    this.agenda.push(Math.max(Math.round(time), this.clock), action);
  }

  private planAheadAt(date: LocalDate): void {
    this.schedule(this.local.startOfDay(addDays(date, -1)), () => {
      this.planDay(date);
      this.planAheadAt(addDays(date, 1));
    });
  }

  private planDay(date: LocalDate): void {
    const start = this.options.start;
    for (const agent of this.agents) {
      const plan = planShift(
        agent.shiftProfile,
        agent.ordinal,
        date,
        this.local,
        this.rng,
        this.profile,
      );
      if (!plan || plan.logout <= start) continue;
      const loginAt = Math.max(plan.login, start);
      this.schedule(loginAt, (t) => this.login(agent, plan, t));
      this.schedule(plan.logout, (t) => this.shiftEnds(agent, plan, t));
      for (const item of plan.items) {
        if (item.start > loginAt) this.schedule(item.start, (t) => this.breakDue(agent, plan, t));
      }
    }
  }

  // ---- agents -----------------------------------------------------------------------------

  private login(agent: Agent, plan: ShiftPlan, t: number): void {
    // Shifts of one agent never overlap (at most 16 h, one a day); a stray one is skipped.
    if (agent.shift !== undefined) return;
    agent.shift = plan;
    agent.nextItem = 0;
    while (agent.nextItem < plan.items.length && endOf(plan.items[agent.nextItem]) <= t)
      agent.nextItem++;
    const current = plan.items[agent.nextItem];
    if (current && current.start <= t) {
      // Starting the simulation mid-lunch: the agent is on that break for what is left of it.
      agent.nextItem++;
      this.startAux(agent, current, endOf(current) - t, t);
    } else {
      this.release(agent, t);
    }
  }

  /** The agent is free (logged in, finished a call, a break or an attempt): what next? */
  private release(agent: Agent, t: number): void {
    const plan = agent.shift;
    if (!plan || t >= plan.logout) {
      this.logOut(agent, t);
      return;
    }
    const item = plan.items[agent.nextItem];
    if (item && item.start <= t) {
      // Possibly late (the call ran over), so the full length: a break is never shortened.
      agent.nextItem++;
      this.startAux(agent, item, item.durationMs, t);
      return;
    }
    agent.token++;
    agent.activity = 'idle';
    agent.idleSince = t;
    this.setState(agent, 'available', undefined, t);
    if (agent.campaign) this.scheduleDial(agent, agent.campaign, t);
    else this.takeWaitingCall(agent, t);
  }

  private startAux(agent: Agent, item: AuxPlan, durationMs: number, t: number): void {
    const token = ++agent.token;
    agent.activity = 'aux';
    this.setState(agent, item.state, item.reason, t);
    this.schedule(t + durationMs, (end) => {
      if (agent.token === token) this.release(agent, end);
    });
  }

  private breakDue(agent: Agent, plan: ShiftPlan, t: number): void {
    // A busy agent takes the break when the call or break in hand is over (see release).
    if (agent.shift === plan && agent.activity === 'idle') this.release(agent, t);
  }

  private shiftEnds(agent: Agent, plan: ShiftPlan, t: number): void {
    if (agent.shift !== plan) return;
    // Idle or on a break: leave now. On a call: leave after its wrap-up (see release).
    if (agent.activity === 'idle' || agent.activity === 'aux') this.logOut(agent, t);
  }

  private logOut(agent: Agent, t: number): void {
    agent.token++;
    agent.activity = 'off';
    agent.shift = undefined;
    this.setState(agent, 'logged_out', undefined, t);
  }

  private setState(agent: Agent, state: AgentState, reason: string | undefined, t: number): void {
    if (agent.state === state && agent.reason === reason) return;
    agent.state = state;
    agent.reason = reason;
    this.emit(t, {
      type: 'agent.state',
      agentId: agent.id,
      team: agent.team,
      state,
      ...(reason === undefined ? {} : { reason }),
    });
  }

  // ---- inbound ----------------------------------------------------------------------------

  private scheduleArrival(queue: QueueProfile, curve: ArrivalCurve, from: number): void {
    const drawn = curve.next(this.local, this.rng, from);
    if ('next' in drawn) this.schedule(drawn.next, (t) => this.arrive(queue, curve, t));
    else this.schedule(drawn.retry, (t) => this.scheduleArrival(queue, curve, t));
  }

  private arrive(queue: QueueProfile, curve: ArrivalCurve, t: number): void {
    const callId = this.nextCallId();
    const caller = callerNumber(this.options.seed, this.calls, this.profile.callerNumbers);
    const attrs = caller === undefined ? undefined : { [CALLER_ATTR]: caller };
    const call: WaitingCall = { callId, queue, offeredAt: t, attrs, status: 'waiting' };
    this.emit(t, {
      type: 'call.offered',
      callId,
      direction: 'inbound',
      queue: queue.id,
      ...(attrs ? { attrs } : {}),
    });
    this.scheduleArrival(queue, curve, t);
    const agent = this.longestIdleInboundAgent();
    if (agent) {
      this.answer(agent, call, t);
      return;
    }
    this.waiting.push(call);
    const patience = clamp(
      lognormal(this.rng, this.profile.patienceMeanMs, this.profile.patienceSigma),
      1_000,
      30 * MINUTE_MS,
    );
    this.schedule(t + patience, (end) => this.abandon(call, end));
  }

  private longestIdleInboundAgent(): Agent | undefined {
    let best: Agent | undefined;
    for (const agent of this.inboundAgents) {
      if (agent.activity === 'idle' && (best === undefined || agent.idleSince < best.idleSince))
        best = agent;
    }
    return best;
  }

  private takeWaitingCall(agent: Agent, t: number): void {
    while (this.waitingHead < this.waiting.length) {
      const call = this.waiting[this.waitingHead++];
      if (call?.status === 'waiting') {
        this.answer(agent, call, t);
        break;
      }
    }
    // Drop the consumed prefix now and then so a long run does not keep every call.
    if (this.waitingHead > 1024 && this.waitingHead * 2 > this.waiting.length) {
      this.waiting = this.waiting.slice(this.waitingHead);
      this.waitingHead = 0;
    }
  }

  private abandon(call: WaitingCall, t: number): void {
    if (call.status !== 'waiting') return;
    call.status = 'abandoned';
    this.emit(t, {
      type: 'call.abandoned',
      callId: call.callId,
      direction: 'inbound',
      queue: call.queue.id,
      waitMs: t - call.offeredAt,
      // The abandoned-calls list reads the number here: the call-back goes to this caller.
      ...(call.attrs ? { attrs: call.attrs } : {}),
    });
  }

  private answer(agent: Agent, call: WaitingCall, t: number): void {
    call.status = 'answered';
    this.emit(t, {
      type: 'call.connected',
      callId: call.callId,
      direction: 'inbound',
      queue: call.queue.id,
      agentId: agent.id,
      team: agent.team,
      waitMs: t - call.offeredAt,
    });
    this.converse(agent, call.callId, { direction: 'inbound', queue: call.queue }, t);
  }

  // ---- outbound ---------------------------------------------------------------------------

  private scheduleDial(agent: Agent, campaign: Campaign, t: number): void {
    // At rate 0 the dialer stands still: the agent stays available until something else happens.
    if (this.rate === 0) return;
    const token = agent.token;
    const gap = exponential(this.rng, campaign.profile.gapMeanMs) / this.rate;
    this.schedule(t + gap, (at) => this.dial(agent, campaign, token, at));
  }

  private dial(agent: Agent, campaign: Campaign, token: number, t: number): void {
    if (agent.token !== token || agent.activity !== 'idle') return;
    const c = campaign.profile;
    if (!this.campaignOpen(campaign, t)) {
      // Outside the calling windows the agent waits; the dialer picks up at the next window.
      const opens = this.nextWindowStart(campaign, t);
      if (opens !== undefined) {
        const jitter = uniform(this.rng, 0, 30_000);
        this.schedule(opens + jitter, (at) => this.dial(agent, campaign, token, at));
      }
      return;
    }
    const callId = this.nextCallId();
    agent.activity = 'dialing';
    const picked = campaign.lists?.next(t, () => this.local.dateOf(t));
    if (picked?.loaded) {
      this.emit(t, { type: 'list.loaded', campaign: c.id, ...picked.loaded });
    }
    const entry = picked ? { listId: picked.dial.listId, entryId: picked.dial.entryId } : {};
    this.emit(t, {
      type: 'call.dialed',
      callId,
      direction: 'outbound',
      campaign: c.id,
      agentId: agent.id,
      team: agent.team,
      ...entry,
    });
    // A number's own fault shows on its first dial and ends the entry (never re-dialled).
    let outcome: DialOutcome | undefined;
    if (c.list && picked?.dial.attempt === 1) {
      const draw = this.rng();
      if (draw < c.list.invalidShare) outcome = 'invalid_number';
      else if (draw < c.list.invalidShare + c.list.faxShare) outcome = 'fax';
    }
    if (outcome === undefined && !chance(this.rng, c.connectRate))
      outcome = weighted(this.rng, MISSED_OUTCOMES) as DialOutcome;
    if (outcome === undefined) {
      const ring = clamp(lognormal(this.rng, c.answerMeanMs, RING_SIGMA), 2_000, 60_000);
      this.schedule(t + ring, (at) => {
        this.emit(at, {
          type: 'call.connected',
          callId,
          direction: 'outbound',
          campaign: c.id,
          agentId: agent.id,
          team: agent.team,
          ...entry,
        });
        this.converse(agent, callId, { direction: 'outbound', campaign: c }, at);
      });
    } else {
      // No connect: the dialer reports how the attempt ended, and there is nothing to wrap up.
      const mean = outcome === 'invalid_number' ? ANNOUNCEMENT_MEAN_MS : c.noAnswerMeanMs;
      const attempt = clamp(lognormal(this.rng, mean, RING_SIGMA), 2_000, 90_000);
      const ended = outcome;
      this.schedule(t + attempt, (at) => {
        this.emit(at, {
          type: 'call.failed',
          callId,
          direction: 'outbound',
          campaign: c.id,
          agentId: agent.id,
          team: agent.team,
          outcome: ended,
          ...entry,
        });
        if (picked) campaign.lists?.missed(picked.dial, ended, at);
        this.release(agent, at);
      });
    }
  }

  private campaignOpen(campaign: Campaign, t: number): boolean {
    const parts = this.local.parts(t);
    if (!campaign.profile.days.includes(parts.weekday)) return false;
    return campaign.windows.some((w) => parts.msOfDay >= w.start && parts.msOfDay < w.end);
  }

  private nextWindowStart(campaign: Campaign, t: number): number | undefined {
    const today = this.local.dateOf(t);
    for (let d = 0; d <= 7; d++) {
      const date = addDays(today, d);
      for (const w of campaign.windows) {
        const opens = this.local.toEpoch(date, w.start);
        if (opens > t && this.campaignOpen(campaign, opens)) return opens;
      }
    }
    return undefined;
  }

  // ---- the conversation (both directions) -------------------------------------------------

  private converse(agent: Agent, callId: string, channel: Channel, t: number): void {
    agent.token++;
    agent.activity = 'talk';
    this.setState(agent, 'on_call', undefined, t);

    const handling: Handling = channel.direction === 'inbound' ? channel.queue : channel.campaign;
    let resolved: boolean | undefined;
    let disposition: string;
    if (channel.direction === 'inbound') {
      // FCR is drawn first and the disposition follows from it, so the share of
      // `resolved: true` is the configured one and never contradicts the disposition.
      resolved = chance(this.rng, this.profile.fcr);
      const q = channel.queue;
      disposition = weighted(
        this.rng,
        resolved ? q.resolvedDispositions : q.unresolvedDispositions,
      );
    } else {
      disposition = weighted(this.rng, channel.campaign.dispositions);
    }
    const talkMean = handling.talkMeanMs * (handling.talkScale[disposition] ?? 1);
    const talkMs = Math.round(clamp(lognormal(this.rng, talkMean, TALK_SIGMA), 5_000, 3 * HOUR_MS));
    const holdMs = chance(this.rng, handling.holdShare)
      ? Math.round(
          clamp(lognormal(this.rng, handling.holdMeanMs, HOLD_SIGMA), 3_000, 30 * MINUTE_MS),
        )
      : 0;
    const wrapMs = Math.round(
      clamp(lognormal(this.rng, handling.wrapMeanMs, WRAP_SIGMA), 5_000, 15 * MINUTE_MS),
    );
    const onCallMs = talkMs + holdMs;

    if (disposition === 'sale' && chance(this.rng, handling.orderShare)) {
      // The order is keyed in and confirmed towards the end of the conversation; its life
      // after the call is planned now, since a card may be authorised before the confirmation.
      const at = t + onCallMs * uniform(this.rng, 0.7, 0.95);
      this.takeOrder(agent, callId, channel, handling, Math.round(at));
    }
    this.schedule(t + onCallMs, (hangUp) => {
      agent.activity = 'wrap';
      this.setState(agent, 'wrap', undefined, hangUp);
      this.schedule(hangUp + wrapMs, (done) => {
        this.emit(done, {
          type: 'call.wrapped',
          callId,
          ...where(channel),
          agentId: agent.id,
          team: agent.team,
          talkMs,
          holdMs,
          wrapMs,
          disposition,
          ...(resolved === undefined ? {} : { resolved }),
        });
        this.release(agent, done);
      });
    });
  }

  // ---- orders -----------------------------------------------------------------------------

  private takeOrder(
    agent: Agent,
    callId: string,
    channel: Channel,
    handling: Handling,
    confirmedAt: number,
  ): void {
    const { currency } = this.options;
    const { items, amount } = draftOrder(this.rng, handling.skus, currency);
    const orderId = `${this.tag}-o${++this.orders}`;
    const scope =
      channel.direction === 'inbound'
        ? { queue: channel.queue.id }
        : { campaign: channel.campaign.id };
    const cancel = chance(this.rng, this.profile.cancelShare)
      ? {
          at:
            confirmedAt +
            clamp(
              lognormal(this.rng, this.profile.cancelDelayMeanMs, CANCEL_SIGMA),
              10 * MINUTE_MS,
              23 * HOUR_MS,
            ),
          reason: weighted(this.rng, CANCEL_REASONS),
        }
      : undefined;
    const steps = planOrder(
      this.rng,
      { items, confirmedAt, cancel },
      this.profile.fulfilment,
      this.warehouse,
    );
    this.schedule(confirmedAt, (at) =>
      this.emit(at, {
        type: 'order.confirmed',
        callId,
        orderId,
        agentId: agent.id,
        team: agent.team,
        ...scope,
        amount,
        currency,
        items,
      }),
    );
    for (const step of steps) {
      this.schedule(step.at, (at) =>
        this.emit(at, orderEvent(step, { callId, orderId, agent, scope, amount, currency })),
      );
    }
  }

  // ---- events -----------------------------------------------------------------------------

  private nextCallId(): string {
    return `${this.tag}-c${++this.calls}`;
  }

  private emit(t: number, body: Body): void {
    // Zero-padded so that ids sort like emission order: kpis.md breaks agent-state ties by id.
    const id = `${this.tag}-${pad(++this.events, 10)}`;
    const envelope = {
      id,
      occurredAt: new Date(t).toISOString(),
      tenant: this.options.tenant,
      source: 'simulator',
    };
    this.out.push({ ...envelope, ...body });
  }
}

/**
 * The event of one step of an order's life. Payments, holds, shipments and returns come from the
 * EC system, which knows the order, not the call or the agent; a cancellation is keyed in by the
 * desk, as in v1.
 */
function orderEvent(
  step: OrderStep,
  order: {
    readonly callId: string;
    readonly orderId: string;
    readonly agent: Agent;
    readonly scope: { queue: string } | { campaign: string };
    readonly amount: number;
    readonly currency: string;
  },
): Body {
  const { orderId, amount, currency } = order;
  switch (step.type) {
    case 'order.paid':
      return { type: step.type, orderId, amount, currency, method: step.method };
    case 'order.held':
      return { type: step.type, orderId, reason: step.reason };
    case 'order.shipped':
      return {
        type: step.type,
        orderId,
        ...(step.carrier === undefined ? {} : { carrier: step.carrier }),
        ...(step.tracking === undefined ? {} : { tracking: step.tracking }),
      };
    case 'order.returned':
      return { type: step.type, orderId, reason: step.reason, amount, currency };
    case 'cancel':
      return {
        type: 'order.cancelled',
        callId: order.callId,
        orderId,
        agentId: order.agent.id,
        team: order.agent.team,
        ...order.scope,
        amount,
        currency,
        reason: step.reason,
      };
  }
}

function where(
  channel: Channel,
): { direction: 'inbound'; queue: string } | { direction: 'outbound'; campaign: string } {
  return channel.direction === 'inbound'
    ? { direction: 'inbound', queue: channel.queue.id }
    : { direction: 'outbound', campaign: channel.campaign.id };
}

function endOf(item: AuxPlan | undefined): number {
  return item === undefined ? Infinity : item.start + item.durationMs;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
