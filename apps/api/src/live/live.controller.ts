import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import {
  liveSnapshotSchema,
  scopeSchema,
  tenantIdSchema,
  type KpiSnapshot,
} from '@mieruka/contracts';
import { Allow } from '../auth/access.decorator';
import { AccessGuard } from '../auth/access.guard';
import { CurrentPrincipal, assertTenant } from '../auth/current-principal';
import type { Principal } from '../auth/principal';
import { Doc } from '../http/openapi';
import { parseQuery } from '../http/parse-input';
import { LiveProjections } from './live-projections';

const liveQuery = z.object({
  tenant: tenantIdSchema.default('default'),
  scope: scopeSchema.default('tenant'),
});

@Controller('api/v1/live')
@UseGuards(AccessGuard)
@Allow('admin', 'manager', 'supervisor', 'display')
export class LiveController {
  constructor(@Inject(LiveProjections) private readonly live: LiveProjections) {}

  /** The snapshot of docs/kpis.md now, from the live projection. */
  @Get()
  @Doc({
    summary: 'The live KPI snapshot now (docs/kpis.md), from the in-memory projection',
    query: liveQuery,
    answer: liveSnapshotSchema,
    access: 'any signed-in user or display token of the tenant',
  })
  current(
    @CurrentPrincipal() principal: Principal,
    @Query() query: unknown,
  ): Omit<KpiSnapshot, 'ingest'> {
    const { tenant, scope } = parseQuery(liveQuery, query);
    assertTenant(principal, tenant);
    return this.live.snapshot(tenant, scope);
  }
}
