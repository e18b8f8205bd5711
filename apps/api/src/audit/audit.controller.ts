import { BadRequestException, Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { auditEntrySchema, auditQuerySchema, type AuditEntry } from '@mieruka/contracts';
import { AuditStore } from '@mieruka/store';
import { Allow } from '../auth/access.decorator';
import { AccessGuard } from '../auth/access.guard';
import { CurrentPrincipal, assertTenant } from '../auth/current-principal';
import type { Principal } from '../auth/principal';
import { Doc } from '../http/openapi';
import { parseQuery } from '../http/parse-input';

/**
 * The audit log for admins: an admin of one tenant reads that tenant's entries only; an admin
 * of every tenant (`*`) reads all of them, or one tenant's with `tenant=`.
 */
@Controller('api/v1/audit')
@UseGuards(AccessGuard)
@Allow('admin')
export class AuditController {
  constructor(@Inject(AuditStore) private readonly audit: AuditStore) {}

  @Get()
  @Doc({
    summary: 'Changes made through the admin API (who, when, what), newest first',
    query: auditQuerySchema,
    answer: z.array(auditEntrySchema),
    access: 'admins, their tenant’s entries (an admin of every tenant: all, or tenant=)',
  })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: unknown,
  ): Promise<AuditEntry[]> {
    const params = parseQuery(auditQuerySchema, query);
    if (params.tenant !== undefined) assertTenant(principal, params.tenant);
    const tenant = params.tenant ?? (principal.tenant === '*' ? undefined : principal.tenant);
    const from = params.from === undefined ? undefined : Date.parse(params.from);
    const to = params.to === undefined ? undefined : Date.parse(params.to);
    if (from !== undefined && to !== undefined && from >= to) {
      throw new BadRequestException('from: must be before to');
    }
    return this.audit.list({ tenant, from, to, limit: params.limit });
  }
}
