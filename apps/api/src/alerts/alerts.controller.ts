import {
  Body,
  Controller,
  Delete,
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
  alertDeliverySchema,
  alertRuleSchema,
  alertSettingsSaved,
  answeredAlertSettingsSchema,
  tenantIdSchema,
  type AlertDelivery,
  type AlertSettingsAnswer,
} from '@mieruka/contracts';
import { AuditStore } from '@mieruka/store';
import { AuditLog } from '../audit/audit-log';
import { Allow } from '../auth/access.decorator';
import { AccessGuard, type AuthenticatedRequest } from '../auth/access.guard';
import { CurrentPrincipal, assertTenant } from '../auth/current-principal';
import { actorName, type Principal } from '../auth/principal';
import { Doc } from '../http/openapi';
import { parseQuery } from '../http/parse-input';
import { AlertEvaluator } from './alert-evaluator';
import { AlertSettingsService } from './alert-settings.service';
import { deliveryOf } from './deliveries';

const ANSWER =
  'AlertSettingsAnswer: tenant, settings (language, channels with secrets as { keep: id }, rules), updatedAt, updatedBy';
const deliveriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/**
 * A tenant's alert rules and channels for its admins: read (a Slack or Teams URL, a signing
 * secret or an SMTP password only by id), replaced as a whole — which is how a rule is added,
 * changed or removed — and the deliveries: every message sent or given up on, newest first.
 */
@Controller('api/v1/alerts')
@UseGuards(AccessGuard)
@Allow('admin')
export class AlertsController {
  constructor(
    @Inject(AlertSettingsService) private readonly settings: AlertSettingsService,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(AuditStore) private readonly auditStore: AuditStore,
    @Inject(AlertEvaluator) private readonly evaluator: AlertEvaluator,
  ) {}

  @Get(':tenant')
  @Doc({
    summary: 'A tenant’s alert rules and channels',
    answer: ANSWER,
    access: 'admins of the tenant',
  })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant') tenant: string,
  ): AlertSettingsAnswer {
    return this.settings.answer(this.administered(principal, tenant));
  }

  @Put(':tenant')
  @Doc({
    summary:
      'Replaces a tenant’s alert rules and channels; a secret sent as a string is new, { keep: id } keeps a stored one',
    body: answeredAlertSettingsSchema,
    answer: ANSWER,
    access: 'admins of the tenant',
  })
  async put(
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
    @Param('tenant') tenant: string,
    @Body() body: unknown,
  ): Promise<AlertSettingsAnswer> {
    const id = this.administered(principal, tenant);
    const { before, after } = await this.settings.save(id, body, actorName(principal));
    await this.audit.record(request, alertSettingsSaved(id, before, after));
    // A rule saved while its number is already past the threshold speaks now, not at the next tick.
    this.evaluator.evaluate(id);
    return this.settings.answer(id);
  }

  @Put(':tenant/rules/:rule')
  @Doc({
    summary:
      'Adds or replaces one alert rule (its id from the path), leaving the others as they are',
    body: alertRuleSchema.omit({ id: true }),
    answer: ANSWER,
    access: 'admins of the tenant',
  })
  async putRule(
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
    @Param('tenant') tenant: string,
    @Param('rule') rule: string,
    @Body() body: unknown,
  ): Promise<AlertSettingsAnswer> {
    const id = this.administered(principal, tenant);
    const given = typeof body === 'object' && body !== null ? body : {};
    const change = await this.settings.changeRule(id, rule, given, actorName(principal));
    await this.audit.record(request, alertSettingsSaved(id, change.before, change.after));
    this.evaluator.evaluate(id);
    return this.settings.answer(id);
  }

  @Delete(':tenant/rules/:rule')
  @HttpCode(204)
  @Doc({ summary: 'Removes one alert rule', status: 204, access: 'admins of the tenant' })
  async deleteRule(
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
    @Param('tenant') tenant: string,
    @Param('rule') rule: string,
  ): Promise<void> {
    const id = this.administered(principal, tenant);
    if (!this.settings.current(id).rules.some((r) => r.id === rule)) {
      throw new NotFoundException(`no alert rule ${rule} in tenant ${id}`);
    }
    const change = await this.settings.changeRule(id, rule, undefined, actorName(principal));
    await this.audit.record(request, alertSettingsSaved(id, change.before, change.after));
    this.evaluator.evaluate(id);
  }

  @Get(':tenant/deliveries')
  @Doc({
    summary: 'Alert messages sent and failed (rule, channel by id, outcome, reason), newest first',
    query: deliveriesQuery,
    answer: z.array(alertDeliverySchema),
    access: 'admins of the tenant',
  })
  async deliveries(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant') tenant: string,
    @Query() query: unknown,
  ): Promise<AlertDelivery[]> {
    const { limit } = parseQuery(deliveriesQuery, query);
    const entries = await this.auditStore.list({
      tenant: this.administered(principal, tenant),
      actions: ['alert.sent', 'alert.failed'],
      limit,
    });
    return entries.map(deliveryOf);
  }

  private administered(principal: Principal, tenant: string): string {
    const id = parseQuery(z.object({ tenant: tenantIdSchema }), { tenant }).tenant;
    assertTenant(principal, id);
    return id;
  }
}
