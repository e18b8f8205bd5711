import { Controller, HttpCode, Inject, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import {
  CALL_BACK_ROLES,
  Forbidden,
  REVEAL_ROLES,
  abandonedCallQuerySchema,
  calledBackMarked,
  calledBackSchema,
  callerRevealed,
  revealedCallerSchema,
  type CalledBack,
  type EventOfType,
  type RevealedCaller,
} from '@mieruka/contracts';
import { AuditLog } from '../audit/audit-log';
import { Allow } from '../auth/access.decorator';
import { AccessGuard, type AuthenticatedRequest } from '../auth/access.guard';
import { CurrentPrincipal, assertTenant } from '../auth/current-principal';
import { scopeRefusal, type Principal } from '../auth/principal';
import { Doc } from '../http/openapi';
import { parseQuery } from '../http/parse-input';
import { CallbacksService } from './callbacks.service';

/**
 * The call-back workflow on today's abandoned calls (docs/api.md): signed-in users only — a
 * TV's display token never reaches either route. A supervisor limited to scopes acts on the
 * calls of those scopes (the call's queue or team) only.
 */
@Controller('api/v1/abandoned-calls/:callId')
@UseGuards(AccessGuard)
export class CallbacksController {
  constructor(
    @Inject(CallbacksService) private readonly callbacks: CallbacksService,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  @Post('called-back')
  @HttpCode(200)
  @Allow(...CALL_BACK_ROLES)
  @Doc({
    summary:
      'Marks one of today’s abandoned calls called back (a stored callback.marked event: the floor’s calledBackAt); marking again changes nothing',
    query: abandonedCallQuerySchema,
    answer: calledBackSchema,
    access: 'supervisors, managers and admins of the tenant (audited)',
  })
  async markCalledBack(
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
    @Param('callId') callId: string,
    @Query() query: unknown,
  ): Promise<CalledBack> {
    const call = await this.todaysCall(principal, callId, query);
    const { markedAt, alreadyMarked } = await this.callbacks.markCalledBack(call);
    await this.audit.record(request, calledBackMarked(call.tenant, call.callId, alreadyMarked));
    return { callId: call.callId, markedAt, alreadyMarked };
  }

  @Post('caller')
  @HttpCode(200)
  @Allow(...REVEAL_ROLES)
  @Doc({
    summary:
      'The full number of one of today’s abandoned calls’ caller; each read is audited (who, which call — never the number)',
    query: abandonedCallQuerySchema,
    answer: revealedCallerSchema,
    access: 'managers and admins of the tenant (audited)',
  })
  async revealCaller(
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
    @Param('callId') callId: string,
    @Query() query: unknown,
  ): Promise<RevealedCaller> {
    const call = await this.todaysCall(principal, callId, query);
    const caller = this.callbacks.callerOf(call);
    // Audited before the number leaves; the entry names the call, never the number.
    await this.audit.record(request, callerRevealed(call.tenant, call.callId));
    return { callId: call.callId, caller };
  }

  private async todaysCall(
    principal: Principal,
    callId: string,
    query: unknown,
  ): Promise<EventOfType<'call.abandoned'>> {
    const { tenant } = parseQuery(abandonedCallQuerySchema, query);
    assertTenant(principal, tenant);
    const call = await this.callbacks.abandoned(tenant, callId);
    const scopes = [
      `queue:${call.queue}`,
      ...(call.team !== undefined ? [`team:${call.team}`] : []),
    ];
    const refusals = scopes.map((scope) => scopeRefusal(principal, scope));
    if (refusals.every((refused) => refused !== undefined)) throw new Forbidden(refusals[0]!);
    return call;
  }
}
