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
  UseGuards,
} from '@nestjs/common';
import { z } from 'zod';
import {
  newDisplayTokenSchema,
  tenantIdSchema,
  type CreatedDisplayToken,
  type DisplayTokenInfo,
} from '@mieruka/contracts';
import { Doc } from '../http/openapi';
import { parseBody, parseQuery } from '../http/parse-input';
import { Allow } from './access.decorator';
import { AccessGuard } from './access.guard';
import { AuthService } from './auth.service';
import { CurrentPrincipal, assertTenant } from './current-principal';
import type { Principal } from './principal';

const listQuery = z.object({ tenant: tenantIdSchema.optional() });

/** Admins pair TVs: a display token per screen, shown once, listed without it, revocable. */
@Controller('api/v1/display-tokens')
@UseGuards(AccessGuard)
@Allow('admin')
export class DisplayTokensController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Post()
  @Doc({
    summary: 'Pairs a TV: a display token for one tenant and wallboard, shown this once',
    body: newDisplayTokenSchema,
    status: 201,
    access: 'admins',
  })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
  ): Promise<CreatedDisplayToken> {
    const request = parseBody(newDisplayTokenSchema, body);
    assertTenant(principal, request.tenant);
    return this.auth.createDisplayToken(request);
  }

  @Get()
  @Doc({
    summary: 'The display tokens that have not expired (never the secrets)',
    query: listQuery,
    access: 'admins',
  })
  list(@CurrentPrincipal() principal: Principal, @Query() query: unknown): DisplayTokenInfo[] {
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
  async revoke(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    if (!(await this.auth.revokeDisplayToken(id, principal.tenant))) {
      throw new NotFoundException(`no display token ${id}`);
    }
  }
}
