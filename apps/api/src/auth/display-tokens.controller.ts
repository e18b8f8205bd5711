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
  displayTokenCreated,
  displayTokenRevoked,
  newDisplayTokenSchema,
  tenantIdSchema,
  type CreatedDisplayToken,
  type DisplayTokenInfo,
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

/** Admins pair TVs: a display token per screen, shown once, listed without it, revocable. */
@Controller('api/v1/display-tokens')
@UseGuards(AccessGuard)
@Allow('admin')
export class DisplayTokensController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  @Post()
  @Doc({
    summary: 'Pairs a TV: a display token for one tenant and wallboard, shown this once',
    body: newDisplayTokenSchema,
    status: 201,
    access: 'admins',
  })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
    @Body() body: unknown,
  ): Promise<CreatedDisplayToken> {
    const wanted = parseBody(newDisplayTokenSchema, body);
    assertTenant(principal, wanted.tenant);
    const created = await this.auth.createDisplayToken(wanted);
    await this.audit.record(request, displayTokenCreated(created));
    return created;
  }

  @Get()
  @Doc({
    summary: 'The display tokens that have not expired (never the secrets)',
    query: listQuery,
    access: 'admins',
  })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: unknown,
  ): Promise<DisplayTokenInfo[]> {
    const { tenant } = parseQuery(listQuery, query);
    if (tenant) assertTenant(principal, tenant);
    return this.auth.displayTokens(tenant ?? principal.tenant);
  }

  /** Revokes at once: screens using it are disconnected, on every instance. */
  @Delete(':id')
  @HttpCode(204)
  @Doc({
    summary: 'Revokes a display token; its screens are disconnected at once',
    status: 204,
    access: 'admins',
  })
  async revoke(
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
    @Param('id') id: string,
  ): Promise<void> {
    const revoked = await this.auth.revokeDisplayToken(id, principal.tenant);
    if (!revoked) throw new NotFoundException(`no display token ${id}`);
    await this.audit.record(request, displayTokenRevoked(revoked));
  }
}
