import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { CallEvent, Env, Floor, KpiSnapshot, Scope, TenantSettings } from '@mieruka/contracts';
import {
  createFloor,
  createProjection,
  evolve,
  floorView,
  foldFloor,
  kgiPeriod,
  prune,
  pruneFloor,
  seedDay,
  seedOrderEvent,
  seedListEvent,
  CLOSED_ORDER_RETENTION_MS,
  LIST_RETENTION_MS,
  snapshot,
  startOfLocalDay,
  type FloorState,
  type Projection,
} from '@mieruka/kpi';
import { EventStore, Ingestor, computeDaySeeds, type StoreClient } from '@mieruka/store';
import { CLOCK, ENV, type Clock } from '../config/tokens';
import { TenantDirectory } from '../config/tenant-directory';
import { STORE_CLIENT } from '../store/store.module';
import { TenantSettingsSync } from '../tenants/tenant-settings-sync';
import { LiveCheckpoints, horizonOf } from './live-checkpoints';
import { StoredEventsRelay } from './stored-events-relay';

/**
 * One live projection per tenant, fed by every batch ingest stores and rebuilt from the store
 * at start, so a restart resets no counter. A rebuild folds the events from yesterday's local
 * midnight (what the windows reach) plus each agent's last state before it, for the time
 * carried into the window; the KGIs' earlier days (back to the earliest period start) come as
 * day sums from SQL, so a quarter or year KGI does not mean folding months of events.
 * Beside each projection, the tenant's floor (agents one by one, recent abandoned calls): fed
 * exactly the events the projection counted, so it dedupes with it and is rebuilt with it.
 * With checkpoints on (MIERUKA_CHECKPOINT_SECONDS), a start loads each tenant's newest usable
 * checkpoint from the store and folds only what was stored after it (docs/store.md).
 */
const PRUNE_EVERY_MS = 10 * 60_000;
/** The shutdown's checkpoints give up after this (a store that hangs must not hold the exit). */
const SHUTDOWN_CHECKPOINT_MS = 10_000;

@Injectable()
export class LiveProjections implements OnModuleInit, BeforeApplicationShutdown {
  private readonly projections = new Map<string, Projection>();
  private readonly floors = new Map<string, FloorState>();
  private pruneTimer: NodeJS.Timeout | undefined;
  /** With several instances (MIERUKA_REDIS_URL): what the others store, and ours to them. */
  private readonly relay: StoredEventsRelay | undefined;
  private readonly changeListeners: ((tenants: ReadonlySet<string>) => void)[] = [];
  /**
   * Tenants being rebuilt with new settings: the projection and floor under construction,
   * fed every live event as well as the ones still answering, until they replace them.
   */
  private readonly building = new Map<string, { projection: Projection; floor: FloorState }>();
  /** Per tenant, the settings rebuild in progress: the next one waits for it. */
  private readonly resettling = new Map<string, Promise<void>>();
  private readonly checkpoints: LiveCheckpoints | undefined;
  private readonly checkpointEveryMs: number;
  private checkpointTimer: NodeJS.Timeout | undefined;
  /** The checkpoints being written, if any: the next round waits for none, it is skipped. */
  private checkpointing: Promise<number> | undefined;

  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(STORE_CLIENT) private readonly client: StoreClient,
    @Inject(Ingestor) ingestor: Ingestor,
    @Inject(TenantDirectory) private readonly tenants: TenantDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ENV) env: Env,
    @Inject(TenantSettingsSync) private readonly settings: TenantSettingsSync,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('live');
    this.checkpointEveryMs = env.MIERUKA_CHECKPOINT_SECONDS * 1000;
    if (this.checkpointEveryMs > 0) this.checkpoints = new LiveCheckpoints(client, store, logger);
    if (env.MIERUKA_REDIS_URL) {
      this.relay = new StoredEventsRelay(
        env.MIERUKA_REDIS_URL,
        `${env.MIERUKA_REDIS_STREAM}:stored`,
        logger,
      );
    }
    // Subscribed before the rebuild: evolve() ignores ids it has seen, so an event both
    // replayed and delivered live counts once.
    ingestor.onStored((events) => {
      this.apply(events);
      this.relay?.publish(events);
    });
  }

  async onModuleInit(): Promise<void> {
    // Where the peers' stream ends before the rebuild: read from there after it.
    await this.relay?.connect();
    // The settings admins saved, before any projection is built with the file's.
    await this.settings.load();
    this.settings.onChange((settings) => this.resettle(settings));
    const tenants = new Set([...this.tenants.ids(), ...(await this.store.tenants())]);
    for (const tenant of tenants) await this.start(tenant);
    this.relay?.start((events) => this.apply(events));
    this.pruneTimer = setInterval(() => this.pruneAll(), PRUNE_EVERY_MS).unref();
    if (this.checkpoints) {
      this.checkpointTimer = setInterval(
        () => void this.checkpointAll(),
        this.checkpointEveryMs,
      ).unref();
    }
  }

  /**
   * After every onModuleDestroy: the Kafka consumer stops there, and the batch it finishes on
   * the way out must still be relayed to the other instances.
   */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.pruneTimer);
    clearInterval(this.checkpointTimer);
    await this.relay?.close();
    // Every batch is folded by now (the Kafka consumer stopped before): the next start, here
    // or on another instance, folds only what is stored after these.
    if (this.checkpoints) {
      let timer: NodeJS.Timeout | undefined;
      const gaveUp = new Promise<'gave up'>((resolve) => {
        timer = setTimeout(() => resolve('gave up'), SHUTDOWN_CHECKPOINT_MS);
      });
      const written = async (): Promise<number> => {
        await this.checkpointing;
        return this.checkpointAll();
      };
      const outcome = await Promise.race([written(), gaveUp]);
      clearTimeout(timer);
      if (outcome === 'gave up') this.logger.warn('shutdown checkpoints not written in time');
      else this.logger.info({ tenants: outcome }, 'checkpoints written at shutdown');
    }
  }

  /**
   * A checkpoint of each tenant's live state (not of one being rebuilt with new settings):
   * resolves how many were written. A round still under way is not doubled.
   */
  checkpointAll(): Promise<number> {
    if (!this.checkpoints) return Promise.resolve(0);
    if (this.checkpointing) return this.checkpointing;
    const states = [...this.projections].flatMap(([tenant, projection]) => {
      const floor = this.floors.get(tenant);
      return floor && !this.building.has(tenant) ? [{ projection, floor }] : [];
    });
    const round = this.checkpoints.write(states, () => this.clock.now());
    this.checkpointing = round;
    void round.finally(() => {
      if (this.checkpointing === round) this.checkpointing = undefined;
    });
    return round;
  }

  /** How many event ids the projections remember (what pruning keeps bounded). */
  rememberedEvents(): number {
    let total = 0;
    for (const projection of this.projections.values()) total += projection.seen.size;
    return total;
  }

  /**
   * Keeps memory flat however long the API runs: each projection forgets the minutes before
   * yesterday's local midnight, which no window of today reaches (KGIs keep their day sums).
   */
  pruneAll(): void {
    const now = this.clock.now();
    for (const projection of this.projections.values()) {
      const zone = projection.settings.tenant.timezone;
      const horizon = startOfLocalDay(startOfLocalDay(now, zone) - 1, zone);
      prune(projection, horizon);
      const floor = this.floors.get(projection.settings.tenant.id);
      if (floor) pruneFloor(floor, horizon);
    }
  }

  snapshot(tenant: string, scope: Scope): Omit<KpiSnapshot, 'ingest'> {
    // A tenant without events reads as empty without being kept: asking about made-up tenant
    // ids must not grow the map.
    const projection = this.projections.get(tenant) ?? createProjection(this.tenants.get(tenant));
    return snapshot(projection, this.clock.now(), scope);
  }

  /** One scope's floor at `at` (now): agents one by one, today's latest abandoned calls. */
  floor(tenant: string, scope: Scope, at = this.clock.now()): Floor {
    const floor = this.floors.get(tenant) ?? createFloor(this.tenants.get(tenant));
    return floorView(floor, at, scope);
  }

  /** Folds stored events: this instance's own, and those another instance stored (see live-peers). */
  apply(events: readonly CallEvent[]): void {
    const changed = new Set<string>();
    for (const event of events) {
      const projection = this.projectionOf(event.tenant);
      if (this.fold(projection, this.floors.get(event.tenant), event)) changed.add(event.tenant);
      const next = this.building.get(event.tenant);
      if (next) this.fold(next.projection, next.floor, event);
    }
    if (changed.size > 0) for (const listener of this.changeListeners) listener(changed);
  }

  /** Hears which tenants' numbers may have moved after each folded batch. */
  onChange(listener: (tenants: ReadonlySet<string>) => void): void {
    this.changeListeners.push(listener);
  }

  private projectionOf(tenant: string): Projection {
    let projection = this.projections.get(tenant);
    if (!projection) {
      const settings = this.tenants.get(tenant);
      projection = createProjection(settings);
      this.projections.set(tenant, projection);
      this.floors.set(tenant, createFloor(settings));
    }
    return projection;
  }

  /** The projection dedupes by id; the floor takes only what it counted. */
  private fold(projection: Projection, floor: FloorState | undefined, event: CallEvent): boolean {
    if (!evolve(projection, event)) return false;
    if (floor) foldFloor(floor, event);
    return true;
  }

  /**
   * A tenant's settings changed (an admin saved them, here or on another instance): its
   * numbers are rebuilt from the store with them. The old projection answers until the new
   * one is complete; meanwhile every live event is folded into both, and one that is also
   * read back from the store counts once (evolve() ignores ids it has seen), so nothing that
   * arrives during the rebuild is lost. Resolves once the new numbers are in place.
   */
  resettle(settings: TenantSettings): Promise<void> {
    const tenant = settings.tenant.id;
    const previous = this.resettling.get(tenant) ?? Promise.resolve();
    const next = previous.then(() => this.replace(tenant));
    // A failed rebuild leaves the old numbers and does not block the next one.
    const tail = next.catch(() => undefined);
    this.resettling.set(tenant, tail);
    void tail.then(() => {
      if (this.resettling.get(tenant) === tail) this.resettling.delete(tenant);
    });
    return next;
  }

  private async replace(tenant: string): Promise<void> {
    // The newest settings when this turn comes (a later save may have queued behind).
    const settings = this.tenants.get(tenant);
    const fresh = { projection: createProjection(settings), floor: createFloor(settings) };
    this.building.set(tenant, fresh);
    try {
      await this.rebuild(tenant, fresh.projection, fresh.floor);
    } finally {
      this.building.delete(tenant);
    }
    this.projections.set(tenant, fresh.projection);
    this.floors.set(tenant, fresh.floor);
    for (const listener of this.changeListeners) listener(new Set([tenant]));
  }

  /**
   * A tenant's numbers at start: from its checkpoint and the events stored after it when one
   * is usable, else rebuilt from the store.
   */
  private async start(tenant: string): Promise<void> {
    const started = Date.now();
    const restored = await this.checkpoints?.load(this.tenants.get(tenant), this.clock.now());
    if (!restored) return this.rebuild(tenant);
    const { projection, floor } = restored.state;
    // In place before the tail is read: what is stored meanwhile is folded live, and counts
    // once if the tail reads it too (evolve() ignores ids it has seen).
    this.projections.set(tenant, projection);
    this.floors.set(tenant, floor);
    let count = 0;
    try {
      for (const event of await restored.tail()) if (this.fold(projection, floor, event)) count++;
    } catch (error) {
      this.logger.warn(
        { tenant, reason: (error as Error).message },
        'checkpoint not used, rebuilding from the store',
      );
      this.projections.delete(tenant);
      this.floors.delete(tenant);
      return this.rebuild(tenant);
    }
    // Taken on an earlier day: forget what today's windows no longer reach, as pruning would.
    const horizon = horizonOf(this.clock.now(), projection.settings.tenant.timezone);
    prune(projection, horizon);
    pruneFloor(floor, horizon);
    this.logger.info(
      {
        tenant,
        takenAt: new Date(restored.takenAt).toISOString(),
        events: count,
        ms: Date.now() - started,
      },
      'live projection started from a checkpoint',
    );
  }

  private async rebuild(
    tenant: string,
    projection = this.projectionOf(tenant),
    floor = this.floors.get(tenant),
  ): Promise<void> {
    const started = Date.now();
    const { settings } = projection;
    const now = this.clock.now();
    const zone = settings.tenant.timezone;
    // Windows reach back to yesterday's midnight: fold events from there. KGI periods reach
    // further (a quarter, a year): their earlier days come as day sums computed by SQL.
    const from = startOfLocalDay(startOfLocalDay(now, zone) - 1, zone);
    const kgiFrom = Math.min(
      from,
      ...settings.kgis.map((kgi) => kgiPeriod(kgi.period, now, zone).start),
    );
    const seeds =
      kgiFrom < from
        ? await computeDaySeeds(this.client, { settings, from: kgiFrom, until: from })
        : [];
    for (const seed of seeds) seedDay(projection, seed.scope, seed.localDay, seed.sums);
    // Orders still open from before (paid four days ago, never shipped: still stuck), and those
    // closed within the retention for their late returns' attribution (docs/kpis.md, Orders).
    const orders = await this.store.orderEventsBefore(
      tenant,
      from,
      from - CLOSED_ORDER_RETENTION_MS,
    );
    for (const event of orders) seedOrderEvent(projection, event);
    // Lists live for weeks: their loads and every dial and connect of a list still in use, so a
    // list's progress is whole after a restart (docs/kpis.md, Outbound lists).
    const lists = await this.store.listEventsBefore(tenant, from, from - LIST_RETENTION_MS);
    for (const event of lists) seedListEvent(projection, event);
    let count = 0;
    for (const event of await this.store.latestAgentStatesBefore(tenant, from))
      this.fold(projection, floor, event);
    for await (const event of this.store.readEvents({ tenant, from })) {
      if (this.fold(projection, floor, event)) count++;
    }
    this.logger.info(
      {
        tenant,
        events: count,
        from: new Date(from).toISOString(),
        seededDays: new Set(seeds.map((s) => s.localDay)).size,
        ms: Date.now() - started,
      },
      'live projection rebuilt from the store',
    );
  }
}
