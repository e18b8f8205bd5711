import { Inject, Injectable } from '@nestjs/common';
import type { TenantSettings } from '@mieruka/contracts';
import { assertTenant } from '../auth/current-principal';
import type { Principal } from '../auth/principal';
import { CLOCK, type Clock } from '../config/tokens';
import { TenantDirectory } from '../config/tenant-directory';
import { historyRange } from './history-range';

/** What a read over stored events starts from: the tenant's settings and the range asked for. */
export interface TenantRange {
  readonly settings: TenantSettings;
  readonly from: number;
  readonly to: number;
}

/** The tenant and range of a history read (history, order drill-down), once the caller may read it. */
@Injectable()
export class TenantRanges {
  constructor(
    @Inject(TenantDirectory) private readonly tenants: TenantDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  of(
    principal: Principal,
    query: { readonly tenant: string; readonly from?: string; readonly to?: string },
  ): TenantRange {
    assertTenant(principal, query.tenant);
    const settings = this.tenants.get(query.tenant);
    return { settings, ...historyRange(query, this.clock.now(), settings.tenant.timezone) };
  }
}
