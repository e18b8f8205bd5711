import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Put,
  Query,
  Req,
  UseGuards,
} from '@nestjs/common';
import { z } from 'zod';
import {
  defaultWallboard,
  tenantIdSchema,
  wallboardDeleted,
  wallboardIdSchema,
  wallboardSaved,
  wallboardSchema,
  wallboardShowsNames,
  type TenantSettings,
  type Wallboard,
  type WallboardAnswer,
} from '@mieruka/contracts';
import { WallboardStore } from '@mieruka/store';
import { AuditLog } from '../audit/audit-log';
import { Allow } from '../auth/access.decorator';
import { AccessGuard, type AuthenticatedRequest } from '../auth/access.guard';
import { CurrentPrincipal, assertTenant } from '../auth/current-principal';
import { actorName, type Principal } from '../auth/principal';
import { CLOCK, type Clock } from '../config/tokens';
import { TenantDirectory } from '../config/tenant-directory';
import { Doc } from '../http/openapi';
import { parseBody, parseQuery } from '../http/parse-input';
import { DisplayScopes } from './display-scopes';

const tenantQuery = z.object({ tenant: tenantIdSchema.optional() });

/** A wallboard in a list: enough to link to it. */
export interface WallboardSummary {
  readonly id: string;
  readonly tenant: string;
  readonly name: string;
  readonly stored: boolean;
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
}

/**
 * Wallboard definitions (docs/wallboard.md). Everyone signed in reads their tenant's; a TV's
 * display token reads only the wallboard it is bound to; admins write. A wallboard nobody
 * defined yet answers the default layout (`stored: false`), so a new screen shows numbers at
 * once.
 */
@Controller('api/v1/wallboards')
@UseGuards(AccessGuard)
export class WallboardsController {
  constructor(
    @Inject(WallboardStore) private readonly wallboards: WallboardStore,
    @Inject(TenantDirectory) private readonly tenants: TenantDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DisplayScopes) private readonly displayScopes: DisplayScopes,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  @Get()
  @Allow('admin', 'manager', 'supervisor', 'display')
  @Doc({
    summary: 'The tenant’s wallboards (a display token: only the one it is bound to)',
    query: tenantQuery,
    answer: 'WallboardSummary[]: id, tenant, name, stored, updatedAt, updatedBy',
    access: 'any signed-in user of the tenant, or a display token',
  })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: unknown,
  ): Promise<WallboardSummary[]> {
    const tenant = tenantOf(principal, parseQuery(tenantQuery, query).tenant);
    if (principal.kind === 'display') {
      const { wallboard, stored } = await this.read(tenant, principal.wallboard);
      const { id, name } = wallboard;
      return [{ id, tenant, name, stored, updatedAt: null, updatedBy: null }];
    }
    return (await this.wallboards.list(tenant)).map((s) => ({
      id: s.wallboard.id,
      tenant,
      name: s.wallboard.name,
      stored: true,
      updatedAt: s.updatedAt,
      updatedBy: s.updatedBy,
    }));
  }

  @Get(':id')
  @Allow('admin', 'manager', 'supervisor', 'display')
  @Doc({
    summary: 'A wallboard definition (the default layout when none is stored) and the tenant view',
    query: tenantQuery,
    answer:
      'WallboardAnswer: { wallboard, stored, tenant: { timezone, currency, serviceLevel, orders } }',
    access: 'any signed-in user of the tenant, or the display token bound to this wallboard',
  })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Query() query: unknown,
  ): Promise<WallboardAnswer> {
    const tenant = tenantOf(principal, parseQuery(tenantQuery, query).tenant);
    validId(id);
    if (principal.kind === 'display' && principal.wallboard !== id) {
      throw new ForbiddenException(`this screen is paired with wallboard ${principal.wallboard}`);
    }
    return this.read(tenant, id);
  }

  @Put(':id')
  @Allow('admin')
  @Doc({
    summary: 'Stores a wallboard definition (docs/wallboard.md); every problem is named',
    body: wallboardSchema,
    answer: 'WallboardAnswer of the stored definition, defaults filled in',
    access: 'admins',
  })
  async put(
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<WallboardAnswer> {
    validId(id);
    const given = typeof body === 'object' && body !== null ? body : {};
    if ('id' in given && given.id !== id) {
      throw new BadRequestException(`id: the body names ${String(given.id)}, the address ${id}`);
    }
    const wallboard = parseBody(wallboardSchema, { ...given, id });
    assertTenant(principal, wallboard.tenant);
    const by = actorName(principal);
    await this.wallboards.save(wallboard, by, this.clock.now());
    this.displayScopes.forget(wallboard.tenant, wallboard.id);
    await this.audit.record(request, wallboardSaved(wallboard));
    return { wallboard, stored: true, tenant: this.tenantView(wallboard.tenant, wallboard) };
  }

  @Delete(':id')
  @Allow('admin')
  @HttpCode(204)
  @Doc({
    summary: 'Deletes a wallboard definition (its screens fall back to the default layout)',
    query: tenantQuery,
    status: 204,
    access: 'admins',
  })
  async remove(
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
    @Param('id') id: string,
    @Query() query: unknown,
  ): Promise<void> {
    const tenant = tenantOf(principal, parseQuery(tenantQuery, query).tenant);
    const by = actorName(principal);
    if (!(await this.wallboards.delete(tenant, id, by, this.clock.now()))) {
      throw new NotFoundException(`no wallboard ${id} in tenant ${tenant}`);
    }
    this.displayScopes.forget(tenant, id);
    await this.audit.record(request, wallboardDeleted(tenant, id));
  }

  private async read(tenant: string, id: string): Promise<WallboardAnswer> {
    const found = await this.wallboards.find(tenant, id);
    const wallboard = found?.wallboard ?? defaultWallboard(id, tenant);
    return { wallboard, stored: found !== undefined, tenant: this.tenantView(tenant, wallboard) };
  }

  private tenantView(tenant: string, wallboard: Wallboard): WallboardAnswer['tenant'] {
    const settings = this.tenants.get(tenant);
    return {
      id: tenant,
      timezone: settings.tenant.timezone,
      currency: settings.tenant.currency,
      serviceLevel: settings.serviceLevel,
      orders: settings.orders,
      // Names only to a screen that shows them (a leaderboard without hideNames), when set.
      ...(settings.agents && wallboardShowsNames(wallboard)
        ? { agentNames: agentNames(settings.agents) }
        : {}),
    };
  }
}

/** The tenant's display names by agent id (settings `agents`), as a plain record. */
function agentNames(agents: NonNullable<TenantSettings['agents']>): Record<string, string> {
  const names: Record<string, string> = {};
  for (const [id, agent] of Object.entries(agents)) {
    // defineProperty: an agent id such as `__proto__` must stay a plain key.
    Object.defineProperty(names, id, { value: agent.name, enumerable: true, writable: true });
  }
  return names;
}

/** The tenant asked for (checked), else the caller's own (`default` for an all-tenant admin). */
function tenantOf(principal: Principal, asked: string | undefined): string {
  const tenant = asked ?? (principal.tenant === '*' ? 'default' : principal.tenant);
  assertTenant(principal, tenant);
  return tenant;
}

function validId(id: string): void {
  if (!wallboardIdSchema.safeParse(id).success) {
    throw new BadRequestException('id: must be lowercase letters, digits, _ or -');
  }
}
