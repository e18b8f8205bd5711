import { Controller, ForbiddenException, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import {
  liveFloorSchema,
  liveSnapshotSchema,
  scopeSchema,
  tenantIdSchema,
  type KpiSnapshot,
  type LiveFloor,
} from '@mieruka/contracts';
import { formatLocalIso } from '@mieruka/kpi';
import { Allow } from '../auth/access.decorator';
import { AccessGuard } from '../auth/access.guard';
import { CurrentPrincipal, assertScope, assertTenant } from '../auth/current-principal';
import type { Principal } from '../auth/principal';
import { Doc } from '../http/openapi';
import { parseQuery } from '../http/parse-input';
import { TenantDirectory } from '../config/tenant-directory';
import { CLOCK, type Clock } from '../config/tokens';
import { DisplayScopes } from '../wallboards/display-scopes';
import { LiveProjections } from './live-projections';

const liveQuery = z.object({
  tenant: tenantIdSchema.default('default'),
  scope: scopeSchema.default('tenant'),
});

@Controller('api/v1/live')
@UseGuards(AccessGuard)
@Allow('admin', 'manager', 'supervisor', 'display')
export class LiveController {
  constructor(
    @Inject(LiveProjections) private readonly live: LiveProjections,
    @Inject(DisplayScopes) private readonly displayScopes: DisplayScopes,
    @Inject(TenantDirectory) private readonly tenants: TenantDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The snapshot of docs/kpis.md now, from the live projection. */
  @Get()
  @Doc({
    summary: 'The live KPI snapshot now (docs/kpis.md), from the in-memory projection',
    query: liveQuery,
    answer: liveSnapshotSchema,
    access: 'any signed-in user or display token of the tenant',
  })
  async current(
    @CurrentPrincipal() principal: Principal,
    @Query() query: unknown,
  ): Promise<Omit<KpiSnapshot, 'ingest'>> {
    const { tenant, scope } = parseQuery(liveQuery, query);
    assertTenant(principal, tenant);
    assertScope(principal, scope);
    // A TV reads what its wallboard shows, here as on the socket.
    if (
      principal.kind === 'display' &&
      !(await this.displayScopes.allows(tenant, principal.wallboard, scope, false))
    ) {
      throw new ForbiddenException(`wallboard ${principal.wallboard} does not show ${scope}`);
    }
    return this.live.snapshot(tenant, scope);
  }

  /** One scope's floor now (docs/wallboard.md): what the live socket's floor room carries. */
  @Get('floor')
  @Doc({
    summary: 'The floor now: each agent’s state and current call, today’s latest abandoned calls',
    query: liveQuery,
    answer: liveFloorSchema,
    access: 'any signed-in user; a display token for a scope its wallboard has a floor tile of',
  })
  async floor(
    @CurrentPrincipal() principal: Principal,
    @Query() query: unknown,
  ): Promise<LiveFloor> {
    const { tenant, scope } = parseQuery(liveQuery, query);
    assertTenant(principal, tenant);
    assertScope(principal, scope);
    // Agents one by one and (masked) callers: a TV sees them only where its layout shows them.
    if (
      principal.kind === 'display' &&
      !(await this.displayScopes.allows(tenant, principal.wallboard, scope, true))
    ) {
      throw new ForbiddenException(
        `wallboard ${principal.wallboard} does not show the floor of ${scope}`,
      );
    }
    const at = this.clock.now();
    return {
      at: formatLocalIso(at, this.tenants.get(tenant).tenant.timezone),
      tenant,
      scope,
      ...this.live.floor(tenant, scope, at),
    };
  }
}
