import { Controller, Get, Inject, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  EVENT_EXPORT_MEDIA_TYPE,
  eventExportQuerySchema,
  eventsExported,
} from '@mieruka/contracts';
import { AuditLog } from '../audit/audit-log';
import { Allow } from '../auth/access.decorator';
import { AccessGuard, type AuthenticatedRequest } from '../auth/access.guard';
import { CurrentPrincipal, assertScope, assertTenant } from '../auth/current-principal';
import type { Principal } from '../auth/principal';
import { Doc } from '../http/openapi';
import { parseQuery } from '../http/parse-input';
import { ExportService } from './export.service';

/** A file name's part from a scope (`team:blue` → `team_blue`): no quote or slash reaches it. */
const fileSafe = (text: string): string => text.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);

@Controller('api/v1/events')
@UseGuards(AccessGuard)
@Allow('admin', 'manager')
export class ExportController {
  constructor(
    @Inject(ExportService) private readonly exports: ExportService,
    @Inject(AuditLog) private readonly audit: AuditLog,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('export');
  }

  /**
   * The stored events of `[from, to)` in a scope, each once, in arrival order, as NDJSON that
   * `mieruka kpi --events` reads: any tile's or bucket's number recomputed from what the
   * system stored. Streamed a page at a time, as fast as the client reads.
   */
  @Get()
  @Doc({
    summary:
      'The stored events behind a number: canonical events of [from, to) in a scope, each once, in arrival order, as NDJSON for mieruka kpi (at most 31 days)',
    query: eventExportQuerySchema,
    answer: `${EVENT_EXPORT_MEDIA_TYPE}: one canonical event per line (docs/events.md); X-Mieruka-Event-Count says how many`,
    access: 'managers and admins of the tenant',
  })
  async export(
    @CurrentPrincipal() principal: Principal,
    @Query() query: unknown,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ): Promise<void> {
    const params = parseQuery(eventExportQuerySchema, query);
    assertTenant(principal, params.tenant);
    assertScope(principal, params.scope);
    const range = {
      tenant: params.tenant,
      scope: params.scope,
      from: Date.parse(params.from),
      to: Date.parse(params.to),
    };
    const { total, chunks } = await this.exports.open(range);
    // Who read what, in the audit log admins read (GET /api/v1/audit): never a credential.
    await this.audit.record(request, eventsExported(params, total));
    const name = `mieruka-events-${params.tenant}-${fileSafe(params.scope)}-${fileSafe(params.from)}.ndjson`;
    response.status(200);
    response.setHeader('content-type', `${EVENT_EXPORT_MEDIA_TYPE}; charset=utf-8`);
    response.setHeader('content-disposition', `attachment; filename="${name}"`);
    response.setHeader('x-mieruka-event-count', String(total));
    try {
      await pipeline(Readable.from(chunks), response);
    } catch (error) {
      // The status is sent by now: a failed store read or a client gone ends the body short,
      // which the count header lets a client notice.
      this.logger.warn({ err: error }, 'events export ended early');
      response.destroy();
    }
  }
}
