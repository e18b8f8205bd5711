import { BadRequestException, Controller, Get, Inject, Query } from '@nestjs/common';
import { tenantIdSchema, type StoreStats } from '@mieruka/contracts';
import { startOfLocalDay } from '@mieruka/kpi';
import { EventStore } from '@mieruka/store';
import { CLOCK, type Clock } from '../config/tokens';
import { TenantDirectory } from '../config/tenant-directory';

@Controller('api/v1/stats')
export class StatsController {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(TenantDirectory) private readonly tenants: TenantDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Stored-event counters for the first page; "today" is the tenant's local day. */
  @Get()
  async stats(@Query('tenant') tenant = 'default'): Promise<StoreStats> {
    if (!tenantIdSchema.safeParse(tenant).success)
      throw new BadRequestException('tenant: not a tenant id');
    const now = this.clock.now();
    const zone = this.tenants.get(tenant).tenant.timezone;
    return this.store.stats(now, startOfLocalDay(now, zone), tenant);
  }
}
