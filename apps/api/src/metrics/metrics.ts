import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { IngestResponse } from '@mieruka/contracts';
import { Ingestor } from '@mieruka/store';

/**
 * The process's Prometheus metrics (docs/operations.md lists them): Node's own (event-loop
 * lag, memory, GC) and Mieruka's. One registry per app, so tests that start several apps in
 * one process do not share counters.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly ingested = new Counter({
    name: 'mieruka_ingest_events_total',
    help: 'Events answered by ingest, by transport (http, adapter name, simulator) and result',
    labelNames: ['transport', 'result'] as const,
    registers: [this.registry],
  });

  readonly ingestSeconds = new Histogram({
    name: 'mieruka_ingest_batch_seconds',
    help: 'Time from a batch arriving at ingest to its answer (validated and stored or queued)',
    labelNames: ['transport'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly stored = new Counter({
    name: 'mieruka_events_stored_total',
    help: 'Events stored in ClickHouse by this instance (and folded into its live projections)',
    registers: [this.registry],
  });

  readonly insertSeconds = new Histogram({
    name: 'mieruka_store_insert_seconds',
    help: "One batch's write to ClickHouse: the id check, dead letters and events",
    labelNames: ['transport'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly deadLetters = new Counter({
    name: 'mieruka_dead_letters_total',
    help: 'Rejected items kept as dead letters, by transport',
    labelNames: ['transport'] as const,
    registers: [this.registry],
  });

  readonly kafkaLag = new Gauge({
    name: 'mieruka_kafka_consumer_lag',
    help: 'Messages of a partition this instance consumes that are not stored yet (after its last batch)',
    labelNames: ['partition'] as const,
    registers: [this.registry],
  });

  readonly kafkaDeliverySeconds = new Histogram({
    name: 'mieruka_kafka_delivery_seconds',
    help: "From a batch's oldest message being published to its events stored and in the live numbers",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });

  readonly kafkaPartitionsRetrying = new Gauge({
    name: 'mieruka_kafka_partitions_retrying',
    help: 'Partitions whose current batch failed to store and is being retried (paused meanwhile)',
    registers: [this.registry],
  });

  readonly kafkaBatchFailures = new Counter({
    name: 'mieruka_kafka_batch_failures_total',
    help: 'Failed attempts to store a fetched batch (each is retried after a backoff)',
    registers: [this.registry],
  });

  readonly kafkaOffsetsDeadLettered = new Counter({
    name: 'mieruka_kafka_offsets_dead_lettered_total',
    help: "Offsets dead-lettered for their batch's sake: undecodable (could not be decompressed) or refused (by the store, alone)",
    labelNames: ['why'] as const,
    registers: [this.registry],
  });

  readonly socketsConnected = new Gauge({
    name: 'mieruka_sockets_connected',
    help: 'Live socket connections on this instance',
    registers: [this.registry],
  });

  readonly socketBuffer = new Gauge({
    name: 'mieruka_socket_max_buffered_packets',
    help: 'Most packets waiting for one connection (stays small: updates to slow ones are dropped)',
    registers: [this.registry],
  });

  readonly liveRooms = new Gauge({
    name: 'mieruka_live_rooms',
    help: 'Live rooms (tenant and scope) with members on this instance',
    registers: [this.registry],
  });

  constructor(@Inject(Ingestor) ingestor: Ingestor) {
    collectDefaultMetrics({ register: this.registry, prefix: 'mieruka_' });
    ingestor.onStored((events) => this.stored.inc(events.length));
    ingestor.onWrite(({ transport, deadLetters, seconds }) => {
      this.insertSeconds.observe({ transport }, seconds);
      if (deadLetters > 0) this.deadLetters.inc({ transport }, deadLetters);
    });
  }

  /** Counts one batch's answer. */
  answered(transport: string, answer: IngestResponse, seconds: number): void {
    this.ingested.inc({ transport, result: 'accepted' }, answer.accepted);
    this.ingested.inc({ transport, result: 'duplicate' }, answer.duplicates);
    this.ingested.inc({ transport, result: 'rejected' }, answer.rejected);
    this.ingestSeconds.observe({ transport }, seconds);
  }
}
