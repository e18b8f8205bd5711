import { Controller, Get, Inject, Query } from '@nestjs/common';
import { z } from 'zod';
import { scopeSchema, tenantIdSchema, type KpiSnapshot } from '@mieruka/contracts';
import { parseQuery } from '../http/parse-query';
import { LiveProjections } from './live-projections';

const liveQuery = z.object({
  tenant: tenantIdSchema.default('default'),
  scope: scopeSchema.default('tenant'),
});

@Controller('api/v1/live')
export class LiveController {
  constructor(@Inject(LiveProjections) private readonly live: LiveProjections) {}

  /** The snapshot of docs/kpis.md now, from the live projection. */
  @Get()
  current(@Query() query: unknown): Omit<KpiSnapshot, 'ingest'> {
    const { tenant, scope } = parseQuery(liveQuery, query);
    return this.live.snapshot(tenant, scope);
  }
}
