import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { MAX_AUDIT_ENTRIES, type KpiSnapshot, type Scope } from '@mieruka/contracts';
import { INITIAL_RULE_STATE, readMetric, stepRule, type RuleState } from '@mieruka/alerts';
import { AuditStore } from '@mieruka/store';
import { CLOCK, type Clock } from '../config/tokens';
import { TenantDirectory } from '../config/tenant-directory';
import { LiveProjections } from '../live/live-projections';
import { AlertDispatcher } from './alert-dispatcher';
import { AlertSettingsService } from './alert-settings.service';

/**
 * How often every tenant's rules are looked at without new events: numbers move with time
 * alone (rolling windows slide, a stuck order gets older), and a change held back by a
 * cool-down or quiet hours is sent at the first look after them.
 */
export const ALERT_TICK_MS = 15_000;
/** New events are looked at after this pause, once per burst rather than per batch. */
const SETTLE_MS = 100;

/**
 * Drives the rules from the live projection: after each folded batch (LiveProjections'
 * onChange, as the gateway hears it) and on a timer, each rule's number is read from its
 * scope's snapshot and stepped through the pure state machine (libs/alerts); a message it
 * asks for goes to the dispatcher, which sends in the background. An error here is logged
 * and the next look tries again: alerts never break the live loop. State is per instance and
 * in memory, recalled at start from the newest delivery of each rule in the audit log, so a
 * restart does not announce again a breach people were already told about.
 */
@Injectable()
export class AlertEvaluator implements OnModuleInit, BeforeApplicationShutdown {
  /** Per tenant, per rule id: only the rules in effect (a removed rule's state goes with it). */
  private readonly states = new Map<string, Map<string, RuleState>>();
  private readonly dirty = new Set<string>();
  private settle: NodeJS.Timeout | undefined;
  private tick: NodeJS.Timeout | undefined;

  constructor(
    @Inject(LiveProjections) private readonly live: LiveProjections,
    @Inject(AlertSettingsService) private readonly settings: AlertSettingsService,
    @Inject(AlertDispatcher) private readonly dispatcher: AlertDispatcher,
    @Inject(TenantDirectory) private readonly tenants: TenantDirectory,
    @Inject(AuditStore) private readonly audit: AuditStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('alerts');
  }

  async onModuleInit(): Promise<void> {
    await this.recall();
    this.live.onChange((tenants) => {
      for (const tenant of tenants) this.dirty.add(tenant);
      this.settle ??= setTimeout(() => {
        this.settle = undefined;
        const due = [...this.dirty];
        this.dirty.clear();
        for (const tenant of due) this.evaluate(tenant);
      }, SETTLE_MS);
    });
    this.tick = setInterval(() => this.evaluateAll(), ALERT_TICK_MS).unref();
  }

  /**
   * What people were last told per rule, from the newest delivery (sent or failed: either way
   * the message was due) in the audit log. A failed read starts from nothing, as before.
   */
  private async recall(): Promise<void> {
    try {
      const entries = await this.audit.list({
        actions: ['alert.sent', 'alert.failed'],
        limit: MAX_AUDIT_ENTRIES,
      });
      // Newest first: the first entry of a rule is what it last said.
      for (const entry of entries) {
        let states = this.states.get(entry.tenant);
        if (!states) this.states.set(entry.tenant, (states = new Map<string, RuleState>()));
        if (states.has(entry.target)) continue;
        const told = entry.summary['kind'] === 'breach';
        states.set(entry.target, {
          breached: told,
          notified: told,
          notifiedAt: Date.parse(entry.at),
        });
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'recalling the alerts last sent failed');
    }
  }

  beforeApplicationShutdown(): void {
    clearTimeout(this.settle);
    clearInterval(this.tick);
  }

  /** Every tenant with rules, now. */
  evaluateAll(): void {
    for (const tenant of this.settings.tenants()) this.evaluate(tenant);
  }

  /** One tenant's rules against its numbers now; never throws. */
  evaluate(tenant: string): void {
    try {
      this.step(tenant);
    } catch (error) {
      this.logger.error({ err: error, tenant }, 'evaluating alert rules failed');
    }
  }

  private step(tenant: string): void {
    const { rules, channels, language } = this.settings.current(tenant);
    const before = this.states.get(tenant);
    const states = new Map<string, RuleState>();
    this.states.set(tenant, states);
    if (rules.length === 0) return;
    const now = this.clock.now();
    const timeZone = this.tenants.get(tenant).tenant.timezone;
    const snapshots = new Map<Scope, Omit<KpiSnapshot, 'ingest'>>();
    for (const rule of rules) {
      let snapshot = snapshots.get(rule.scope);
      if (!snapshot) {
        snapshot = this.live.snapshot(tenant, rule.scope);
        snapshots.set(rule.scope, snapshot);
      }
      const value = readMetric(snapshot, rule.metric);
      const result = stepRule(
        before?.get(rule.id) ?? INITIAL_RULE_STATE,
        rule,
        value,
        now,
        timeZone,
      );
      states.set(rule.id, result.state);
      if (!result.notify) continue;
      const targets = channels.filter((channel) => rule.channels.includes(channel.id));
      this.dispatcher.dispatch(
        { tenant, rule, kind: result.notify, value, at: now, timeZone, language },
        targets,
      );
    }
  }
}
