import { BadRequestException, Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { storeStatsSchema, tenantIdSchema, type StoreStats } from '@mieruka/contracts';
import { z } from 'zod';
import { startOfLocalDay } from '@mieruka/kpi';
import { EventStore } from '@mieruka/store';
import { Allow } from '../auth/access.decorator';
import { AccessGuard } from '../auth/access.guard';
import { CurrentPrincipal, assertScope, assertTenant } from '../auth/current-principal';
import type { Principal } from '../auth/principal';
import { CLOCK, type Clock } from '../config/tokens';
import { Doc } from '../http/openapi';
import { TenantDirectory } from '../config/tenant-directory';

@Controller('api/v1/stats')
@UseGuards(AccessGuard)
@Allow('admin', 'manager', 'supervisor', 'display')
export class StatsController {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(TenantDirectory) private readonly tenants: TenantDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Stored-event counters for the first page; "today" is the tenant's local day. */
  @Get()
  @Doc({
    summary: "Stored-event counters: today (the tenant's local day) and by type",
    query: z.object({ tenant: tenantIdSchema.default('default') }),
    answer: storeStatsSchema,
    access: 'any signed-in user or display token of the tenant',
  })
  async stats(
    @CurrentPrincipal() principal: Principal,
    @Query('tenant') tenant = 'default',
  ): Promise<StoreStats> {
    if (!tenantIdSchema.safeParse(tenant).success)
      throw new BadRequestException('tenant: not a tenant id');
    assertTenant(principal, tenant);
    // Whole-tenant counts: not for a supervisor limited to part of the floor.
    assertScope(principal, 'tenant');
    const now = this.clock.now();
    const zone = this.tenants.get(tenant).tenant.timezone;
    return this.store.stats(now, startOfLocalDay(now, zone), tenant);
  }
}
