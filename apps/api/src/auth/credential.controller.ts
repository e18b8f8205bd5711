import {
  Body,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
  type Type,
} from '@nestjs/common';
import { z } from 'zod';
import { tenantIdSchema, type AuditChange } from '@mieruka/contracts';
import { AuditLog } from '../audit/audit-log';
import { Doc } from '../http/openapi';
import { parseBody, parseQuery } from '../http/parse-input';
import type { AuthenticatedRequest } from './access.guard';
import { CurrentPrincipal, assertTenant } from './current-principal';
import type { IssuedCredentials } from './issued-credentials';
import type { Principal } from './principal';

const listQuery = z.object({ tenant: tenantIdSchema.optional() });

/** What differs between two kinds of issued credential: the service, schema, docs and audit. */
export interface CredentialRoutes<Wanted extends { tenant: string }, Created, Info> {
  readonly service: Type<IssuedCredentials<Wanted, Created, Info>>;
  readonly newSchema: z.ZodType<Wanted>;
  readonly summaries: { readonly create: string; readonly list: string; readonly revoke: string };
  readonly created: (created: Created) => AuditChange;
  readonly revoked: (revoked: Info) => AuditChange;
}

/**
 * The routes every issued credential has: create (the secret shown once), list (never the
 * secrets), revoke at once; each change audited. A controller extends what this returns and
 * adds its path, guard and roles, so its name (and the OpenAPI operation ids) stay its own.
 */
export function credentialRoutes<Wanted extends { tenant: string }, Created, Info>(
  routes: CredentialRoutes<Wanted, Created, Info>,
): Type<object> {
  class CredentialController {
    constructor(
      @Inject(routes.service) readonly credentials: IssuedCredentials<Wanted, Created, Info>,
      @Inject(AuditLog) readonly audit: AuditLog,
    ) {}

    @Post()
    @Doc({
      summary: routes.summaries.create,
      body: routes.newSchema,
      status: 201,
      access: 'admins',
    })
    async create(
      @CurrentPrincipal() principal: Principal,
      @Req() request: AuthenticatedRequest,
      @Body() body: unknown,
    ): Promise<Created> {
      const wanted = parseBody(routes.newSchema, body);
      assertTenant(principal, wanted.tenant);
      const created = await this.credentials.create(wanted);
      await this.audit.record(request, routes.created(created));
      return created;
    }

    @Get()
    @Doc({ summary: routes.summaries.list, query: listQuery, access: 'admins' })
    list(@CurrentPrincipal() principal: Principal, @Query() query: unknown): Promise<Info[]> {
      const { tenant } = parseQuery(listQuery, query);
      if (tenant) assertTenant(principal, tenant);
      return this.credentials.list(tenant ?? principal.tenant);
    }

    @Delete(':id')
    @HttpCode(204)
    @Doc({ summary: routes.summaries.revoke, status: 204, access: 'admins' })
    async revoke(
      @CurrentPrincipal() principal: Principal,
      @Req() request: AuthenticatedRequest,
      @Param('id') id: string,
    ): Promise<void> {
      const revoked = await this.credentials.revoke(id, principal.tenant);
      await this.audit.record(request, routes.revoked(revoked));
    }
  }
  return CredentialController;
}
