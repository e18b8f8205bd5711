import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import {
  CALLER_ATTR,
  NotFound,
  Unavailable,
  type CallEvent,
  type EventOfType,
} from '@mieruka/contracts';
import { formatLocalIso, startOfLocalDay } from '@mieruka/kpi';
import { EventStore } from '@mieruka/store';
import { TenantDirectory } from '../config/tenant-directory';
import { CLOCK, type Clock } from '../config/tokens';
import { IngestService } from '../ingest/ingest.service';

/** The source a mark is stored with: made by a person on the wallboard's signed-in pages. */
const MARK_SOURCE = 'wallboard';

/**
 * One event id per marked call (its tenant keeps ids apart): a second mark is a duplicate
 * the ingest drops, on this instance or another. A digest, since a call id may hold any
 * character and be 128 long, and an event id may not.
 */
export function markIdOf(callId: string): string {
  return `callback-mark:${createHash('sha256').update(callId).digest('hex').slice(0, 40)}`;
}

/**
 * Today's abandoned calls, one at a time: marked called back through the one way in (so the
 * mark is stored, reaches every instance's floor and the TVs, and survives a restart), and
 * read whole from the store for the caller's number, which the floor never holds.
 */
@Injectable()
export class CallbacksService {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(IngestService) private readonly ingest: IngestService,
    @Inject(TenantDirectory) private readonly tenants: TenantDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Today's (the tenant's day) stored abandon of this call; 404 when there is none. */
  async abandoned(tenant: string, callId: string): Promise<EventOfType<'call.abandoned'>> {
    const zone = this.tenants.get(tenant).tenant.timezone;
    const from = startOfLocalDay(this.clock.now(), zone);
    const found = await this.store.abandonedCall(tenant, callId, from);
    if (!found) throw new NotFound(`no abandoned call ${callId} today in ${tenant}`);
    return found;
  }

  /** Stores the mark now; `alreadyMarked` when an earlier mark of the call was stored. */
  async markCalledBack(
    call: EventOfType<'call.abandoned'>,
  ): Promise<{ markedAt: string; alreadyMarked: boolean }> {
    const now = this.clock.now();
    const markedAt = formatLocalIso(now, this.tenants.get(call.tenant).tenant.timezone);
    const mark: CallEvent = {
      id: markIdOf(call.callId),
      type: 'callback.marked',
      occurredAt: markedAt,
      tenant: call.tenant,
      source: MARK_SOURCE,
      callId: call.callId,
      queue: call.queue,
      ...(call.team !== undefined ? { team: call.team } : {}),
    };
    const bytes = Buffer.byteLength(JSON.stringify(mark));
    const answer = await this.ingest.ingestItems([{ kind: 'value', value: mark, bytes }], {
      transport: MARK_SOURCE,
    });
    const result = answer.results[0];
    // Our own event: a rejection is a bug or a store refusing, not the caller's doing.
    if (result?.status === 'rejected') throw new Unavailable(`mark not stored: ${result.reason}`);
    return { markedAt, alreadyMarked: result?.status === 'duplicate' };
  }

  /** The caller's number as the source sent it; 404 when the call came without one. */
  callerOf(call: EventOfType<'call.abandoned'>): string {
    const caller = call.attrs?.[CALLER_ATTR]?.trim();
    if (!caller) throw new NotFound(`abandoned call ${call.callId} came without a number`);
    return caller;
  }
}
