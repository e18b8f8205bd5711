import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Post,
  Query,
  Req,
  UseGuards,
} from '@nestjs/common';
import { z } from 'zod';
import { tenantIdSchema, type DeadLetter, type IngestResponse } from '@mieruka/contracts';
import { EventStore } from '@mieruka/store';
import { Inject } from '@nestjs/common';
import { IngestKeyGuard, type IngestRequest } from './ingest-key.guard';
import { IngestService } from './ingest.service';

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
  ) {}

  /** A JSON array or NDJSON of canonical events; answers each event by its index. */
  @Post('events')
  @HttpCode(200)
  async postEvents(@Req() request: IngestRequest, @Body() body: unknown): Promise<IngestResponse> {
    if (typeof body !== 'string')
      throw new BadRequestException('body: send a JSON array or NDJSON');
    return this.ingest.ingestBody(body, request.ingestTenant);
  }

  /** Rejected events with their reasons, newest first; a tenant's key sees its tenant only. */
  @Get('dead-letters')
  async deadLetters(@Req() request: IngestRequest, @Query() query: unknown): Promise<DeadLetter[]> {
    const parsed = deadLetterQuery.safeParse(query);
    if (!parsed.success)
      throw new BadRequestException(
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    const tenant = request.ingestTenant ?? parsed.data.tenant;
    return this.store.listDeadLetters({ ...parsed.data, tenant });
  }
}
