import { Inject, Injectable } from '@nestjs/common';
import type { BatchItem, CallEvent } from '@mieruka/contracts';
import type { Mapped } from '@mieruka/adapters';
import { EventStore } from '@mieruka/store';
import { CLOCK, type Clock } from '../config/tokens';
import { IngestService } from '../ingest/ingest.service';
import type { AdapterStatus } from './adapter-health';

export interface Delivered {
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
}

const encoder = new TextEncoder();

/**
 * Where every adapter hands what its mapping produced: events through the ingest path HTTP
 * uses (the Ingestor validates, deduplicates and stores — or, with Kafka, the batch is
 * published for the consumers to store), rejects to the dead-letter store under the adapter's
 * name. Resolves only when both are done, so a transport acknowledges (or commits its read
 * position) after this and never before; on a failure it throws and the transport keeps the
 * batch to try again.
 */
@Injectable()
export class AdapterSink {
  constructor(
    @Inject(IngestService) private readonly ingest: IngestService,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async deliver(
    transport: string,
    tenant: string,
    mapped: Mapped,
    status?: AdapterStatus,
  ): Promise<Delivered> {
    const answer =
      mapped.events.length > 0
        ? await this.ingest.ingestItems(mapped.events.map(batchItem), { transport })
        : { accepted: 0, duplicates: 0, rejected: 0 };
    await this.store.insertDeadLetters(
      mapped.rejects.map((r) => ({ tenant, source: r.adapter, reason: r.reason, payload: r.raw })),
      this.clock.now(),
    );
    const delivered = {
      accepted: answer.accepted,
      duplicates: answer.duplicates,
      rejected: answer.rejected + mapped.rejects.length,
    };
    status?.delivered(delivered);
    return delivered;
  }
}

function batchItem(event: CallEvent): BatchItem {
  return { kind: 'value', value: event, bytes: encoder.encode(JSON.stringify(event)).length };
}
