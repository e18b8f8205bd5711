import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  UseGuards,
} from '@nestjs/common';
import { z } from 'zod';
import {
  ingestKeyCreated,
  ingestKeyRevoked,
  newIngestKeySchema,
  tenantIdSchema,
  type CreatedIngestKey,
  type IngestKeyInfo,
} from '@mieruka/contracts';
import { AuditLog } from '../audit/audit-log';
import { Doc } from '../http/openapi';
import { parseBody, parseQuery } from '../http/parse-input';
import { Allow } from './access.decorator';
import { AccessGuard, type AuthenticatedRequest } from './access.guard';
import { AuthService } from './auth.service';
import { CurrentPrincipal, assertTenant } from './current-principal';
import type { Principal } from './principal';

const listQuery = z.object({ tenant: tenantIdSchema.optional() });

/**
 * Admins key the systems that post events (PBXs, dialers, order desks): an ingest key per
 * system and tenant, shown once, listed with its last use, revocable at once.
 */
@Controller('api/v1/ingest-keys')
@UseGuards(AccessGuard)
@Allow('admin')
export class IngestKeysController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  @Post()
  @Doc({
    summary: 'Creates an ingest key for one system of one tenant, shown this once',
    body: newIngestKeySchema,
    status: 201,
    access: 'admins',
  })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
    @Body() body: unknown,
  ): Promise<CreatedIngestKey> {
    const wanted = parseBody(newIngestKeySchema, body);
    assertTenant(principal, wanted.tenant);
    const created = await this.auth.createIngestKey(wanted);
    await this.audit.record(request, ingestKeyCreated(created));
    return created;
  }

  @Get()
  @Doc({
    summary: 'The ingest keys that have not expired, with their last use (never the keys)',
    query: listQuery,
    access: 'admins',
  })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: unknown,
  ): Promise<IngestKeyInfo[]> {
    const { tenant } = parseQuery(listQuery, query);
    if (tenant) assertTenant(principal, tenant);
    return this.auth.ingestKeys(tenant ?? principal.tenant);
  }

  @Delete(':id')
  @HttpCode(204)
  @Doc({
    summary: 'Revokes an ingest key: its next request is refused',
    status: 204,
    access: 'admins',
  })
  async revoke(
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
    @Param('id') id: string,
  ): Promise<void> {
    const revoked = await this.auth.revokeIngestKey(id, principal.tenant);
    if (!revoked) throw new NotFoundException(`no ingest key ${id}`);
    await this.audit.record(request, ingestKeyRevoked(revoked));
  }
}
