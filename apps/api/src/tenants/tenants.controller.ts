import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Inject,
  Param,
  Put,
  Req,
  UseGuards,
} from '@nestjs/common';
import {
  tenantIdSchema,
  tenantSettingsSaved,
  tenantSettingsSchema,
  type TenantSettingsAnswer,
} from '@mieruka/contracts';
import { EventStore, TenantSettingsStore } from '@mieruka/store';
import { AuditLog } from '../audit/audit-log';
import { Allow } from '../auth/access.decorator';
import { AccessGuard, type AuthenticatedRequest } from '../auth/access.guard';
import { CurrentPrincipal, assertTenant } from '../auth/current-principal';
import { actorName, type Principal } from '../auth/principal';
import { CLOCK, type Clock } from '../config/tokens';
import { TenantDirectory } from '../config/tenant-directory';
import { Doc } from '../http/openapi';
import { parseBody } from '../http/parse-input';
import { TenantSettingsSync } from './tenant-settings-sync';

/**
 * Tenant settings (docs/kpis.md) for admins: read, and replace as a whole. A saved version
 * overrides the settings file's for that tenant on every instance, and the live numbers are
 * rebuilt with it before the answer.
 */
@Controller('api/v1/tenants')
@UseGuards(AccessGuard)
export class TenantsController {
  constructor(
    @Inject(TenantSettingsStore) private readonly store: TenantSettingsStore,
    @Inject(TenantSettingsSync) private readonly sync: TenantSettingsSync,
    @Inject(TenantDirectory) private readonly tenants: TenantDirectory,
    @Inject(EventStore) private readonly events: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  @Get()
  @Allow('admin')
  @Doc({
    summary: 'The tenants’ settings the caller administers (every tenant known for `*`)',
    answer:
      'TenantSettingsAnswer[]: settings, source (stored | file | default), updatedAt, updatedBy',
    access: 'admins',
  })
  async list(@CurrentPrincipal() principal: Principal): Promise<TenantSettingsAnswer[]> {
    if (principal.tenant !== '*') return [this.answer(principal.tenant)];
    // Every tenant known: configured, saved, or with events stored.
    const ids = new Set([...this.tenants.ids(), ...(await this.events.tenants())]);
    return [...ids].sort().map((id) => this.answer(id));
  }

  @Get(':id')
  @Allow('admin')
  @Doc({
    summary: 'A tenant’s settings in effect, and where they come from',
    answer:
      'TenantSettingsAnswer: settings, source (stored | file | default), updatedAt, updatedBy',
    access: 'admins of the tenant',
  })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): TenantSettingsAnswer {
    validId(id);
    assertTenant(principal, id);
    return this.answer(id);
  }

  @Put(':id')
  @Allow('admin')
  @Doc({
    summary: 'Replaces a tenant’s settings (docs/kpis.md); every problem is named',
    body: tenantSettingsSchema,
    answer: 'TenantSettingsAnswer of the saved settings, defaults filled in',
    access: 'admins of the tenant',
  })
  async put(
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<TenantSettingsAnswer> {
    validId(id);
    assertTenant(principal, id);
    const given = isObject(body) ? body : {};
    const tenant = isObject(given['tenant']) ? given['tenant'] : {};
    if ('id' in tenant && tenant['id'] !== id) {
      throw new BadRequestException(
        `tenant.id: the body names ${String(tenant['id'])}, the address ${id}`,
      );
    }
    const settings = parseBody(tenantSettingsSchema, { ...given, tenant: { ...tenant, id } });
    const before = this.tenants.get(id);
    const by = actorName(principal);
    const saved = await this.store.save(settings, by, this.clock.now());
    await this.sync.saved(saved);
    await this.audit.record(request, tenantSettingsSaved(before, settings));
    return this.answer(id);
  }

  private answer(id: string): TenantSettingsAnswer {
    const saved = this.sync.savedOf(id);
    return {
      settings: this.tenants.get(id),
      source: this.tenants.sourceOf(id),
      updatedAt: saved?.updatedAt ?? null,
      updatedBy: saved?.updatedBy ?? null,
    };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validId(id: string): void {
  if (!tenantIdSchema.safeParse(id).success) {
    throw new BadRequestException('id: must be 1–64 characters of a–z 0–9 _ -');
  }
}
