import { Body, Controller, Get, HttpCode, Post, Query, Req, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import {
  callEventSchema,
  deadLetterSchema,
  ingestResponseSchema,
  newDeadLettersSchema,
  tenantIdSchema,
  type DeadLetter,
  type IngestResponse,
} from '@mieruka/contracts';
import { EventStore } from '@mieruka/store';
import { Inject } from '@nestjs/common';
import { IngestKeyGuard, type IngestRequest } from './ingest-key.guard';
import { CLOCK, type Clock } from '../config/tokens';
import { Doc } from '../http/openapi';
import { parseBody, parseQuery } from '../http/parse-input';
import { IngestService } from './ingest.service';
import type { EventsBody } from './read-events-body';

const deadLetterQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  tenant: tenantIdSchema.optional(),
});

@Controller('api/v1')
@UseGuards(IngestKeyGuard)
export class IngestController {
  constructor(
    @Inject(IngestService) private readonly ingest: IngestService,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A JSON array or NDJSON of canonical events; answers each event by its index. */
  @Post('events')
  @HttpCode(200)
  @Doc({
    summary:
      'Ingest canonical events (JSON array or NDJSON); each answered by index: accepted, duplicate or rejected with a reason',
    // Documented as a JSON array of the canonical event (docs/events.md); NDJSON carries the
    // same objects one a line. Each element is validated on its own, so a bad one is rejected
    // with its reason while the others go through.
    body: z.array(callEventSchema),
    answer: ingestResponseSchema,
    access: 'an ingest key (Authorization: Bearer)',
  })
  async postEvents(
    @Req() request: IngestRequest,
    @Body() body: EventsBody,
  ): Promise<IngestResponse> {
    return this.ingest.ingestBody(body, request.ingestTenant, request.ingestSender ?? '');
  }

  /** A source's own rejects (an importer's refused rows); a tenant's key records its tenant only. */
  @Post('dead-letters')
  @HttpCode(201)
  @Doc({
    summary:
      "Records a source's own rejects (e.g. rows an importer's mapping refused) as dead letters",
    body: newDeadLettersSchema,
    status: 201,
    access: 'an ingest key',
  })
  async recordDeadLetters(
    @Req() request: IngestRequest,
    @Body() body: unknown,
  ): Promise<{ stored: number }> {
    const { letters } = parseBody(newDeadLettersSchema, body);
    await this.store.insertDeadLetters(
      letters.map((l) => ({ ...l, tenant: request.ingestTenant ?? l.tenant ?? 'default' })),
      this.clock.now(),
    );
    return { stored: letters.length };
  }

  /** Rejected events with their reasons, newest first; a tenant's key sees its tenant only. */
  @Get('dead-letters')
  @Doc({
    summary: 'Rejected input with its reason and raw payload, newest first',
    query: deadLetterQuery,
    answer: z.array(deadLetterSchema),
    access: "an ingest key (a tenant's key sees its tenant only)",
  })
  async deadLetters(@Req() request: IngestRequest, @Query() query: unknown): Promise<DeadLetter[]> {
    const parsed = parseQuery(deadLetterQuery, query);
    const tenant = request.ingestTenant ?? parsed.tenant;
    return this.store.listDeadLetters({ ...parsed, tenant });
  }
}
