import { Inject, Injectable } from '@nestjs/common';
import type { AdapterHealthReport } from '@mieruka/contracts';
import { CLOCK, type Clock } from '../config/tokens';

export type { AdapterHealthReport };

/** The recorder one adapter writes its state into. */
export class AdapterStatus {
  connected: boolean | null = null;
  private lastEventAt: number | undefined;
  private accepted = 0;
  private duplicates = 0;
  private rejected = 0;
  private errors = 0;
  private lastError: { message: string; at: number } | undefined;
  /** [receiving time, events] of recent deliveries, for the per-minute rate. */
  private recent: [number, number][] = [];
  readonly details: Record<string, string | number | null> = {};

  constructor(private readonly clock: Clock) {}

  delivered(counts: { accepted: number; duplicates: number; rejected: number }): void {
    const now = this.clock.now();
    const events = counts.accepted + counts.duplicates;
    this.accepted += counts.accepted;
    this.duplicates += counts.duplicates;
    this.rejected += counts.rejected;
    if (events > 0) {
      this.lastEventAt = now;
      this.recent.push([now, events]);
    }
    this.trim(now);
  }

  failed(message: string): void {
    this.errors += 1;
    this.lastError = { message, at: this.clock.now() };
  }

  report(): AdapterHealthReport {
    const now = this.clock.now();
    this.trim(now);
    const iso = (t: number | undefined) => (t === undefined ? null : new Date(t).toISOString());
    return {
      connected: this.connected,
      lastEventAt: iso(this.lastEventAt),
      eventsPerMinute: this.recent.reduce((sum, [, n]) => sum + n, 0),
      accepted: this.accepted,
      duplicates: this.duplicates,
      rejected: this.rejected,
      errors: this.errors,
      lastError: this.lastError?.message ?? null,
      lastErrorAt: iso(this.lastError?.at),
      details: { ...this.details },
    };
  }

  private trim(now: number): void {
    while (this.recent.length > 0 && (this.recent[0]?.[0] ?? now) <= now - 60_000) {
      this.recent.shift();
    }
  }
}

/** Every enabled adapter's status, by adapter name, for the health route. */
@Injectable()
export class AdapterHealth {
  private readonly statuses = new Map<string, AdapterStatus>();

  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  /** The recorder of `name`, made on first use (an adapter that is off never asks). */
  track(name: string): AdapterStatus {
    let status = this.statuses.get(name);
    if (!status) {
      status = new AdapterStatus(this.clock);
      this.statuses.set(name, status);
    }
    return status;
  }

  /** An adapter switched off: no longer reported. */
  forget(name: string): void {
    this.statuses.delete(name);
  }

  report(): Record<string, AdapterHealthReport> {
    return Object.fromEntries([...this.statuses].map(([name, s]) => [name, s.report()]));
  }
}
