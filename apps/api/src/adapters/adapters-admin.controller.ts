import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  Inject,
  NotFoundException,
  Param,
  Put,
  Req,
  UseGuards,
} from '@nestjs/common';
import { z } from 'zod';
import {
  ADAPTER_NAMES,
  adapterConfigShapes,
  adapterNameSchema,
  adapterSettingsSaved,
  keptSecretSchema,
  type AdapterAnswer,
  type AdapterConfig,
  type AdapterName,
} from '@mieruka/contracts';
import { AuditLog } from '../audit/audit-log';
import { Allow } from '../auth/access.decorator';
import { AccessGuard, type AuthenticatedRequest } from '../auth/access.guard';
import { CurrentPrincipal } from '../auth/current-principal';
import { actorName, type Principal } from '../auth/principal';
import { Doc } from '../http/openapi';
import { AdapterSettings } from './adapter-settings.service';

/** The PUT body as documented: one adapter's settings, each secret new (a string) or kept. */
const documented = adapterConfigShapes((rule) => z.union([rule, keptSecretSchema]));
const inputDoc = z.union([
  documented.webhook,
  documented.twilio,
  documented['amazon-connect'],
  documented.shopify,
  documented['asterisk-ami'],
  documented['asterisk-queue-log'],
  documented.freeswitch,
]);
const ANSWER =
  'AdapterAnswer: name, settings (secrets as { keep: id }), source (stored | env), updatedAt, updatedBy, health';

/**
 * The CTI adapters' settings for admins: read (never a secret's value), and replace one
 * adapter's as a whole — in effect at once here and within seconds on every instance. An
 * admin of one tenant sees and edits the adapters that post into their tenant; the signed
 * webhook, which serves every tenant, only an admin of all tenants (`*`).
 */
@Controller('api/v1/adapters')
@UseGuards(AccessGuard)
export class AdaptersAdminController {
  constructor(
    @Inject(AdapterSettings) private readonly settings: AdapterSettings,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  @Get()
  @Allow('admin')
  @Doc({
    summary: 'The CTI adapters the caller administers: settings in effect and health',
    answer: `${ANSWER} — one per adapter`,
    access: 'admins (of all tenants for the webhook)',
  })
  list(@CurrentPrincipal() principal: Principal): AdapterAnswer[] {
    return ADAPTER_NAMES.filter((name) =>
      mayAdminister(principal, this.settings.current(name)),
    ).map((name) => this.settings.answer(name));
  }

  @Get(':name')
  @Allow('admin')
  @Doc({
    summary: 'One CTI adapter’s settings in effect, where they come from, and its health',
    answer: ANSWER,
    access: 'admins of the adapter’s tenant',
  })
  get(@CurrentPrincipal() principal: Principal, @Param('name') name: string): AdapterAnswer {
    const adapter = this.administered(principal, name);
    return this.settings.answer(adapter);
  }

  @Put(':name')
  @Allow('admin')
  @Doc({
    summary:
      'Replaces a CTI adapter’s settings; a secret sent as a string is new, { keep: id } keeps a stored one',
    body: inputDoc,
    answer: ANSWER,
    access: 'admins of the adapter’s tenant',
  })
  async put(
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
    @Param('name') name: string,
    @Body() body: unknown,
  ): Promise<AdapterAnswer> {
    const adapter = this.administered(principal, name);
    const by = actorName(principal);
    const { before, after } = await this.settings.save(adapter, body, by, (config) => {
      if (!mayAdminister(principal, config)) throw refusal(config);
    });
    await this.audit.record(request, adapterSettingsSaved(adapter, before, after));
    return this.settings.answer(adapter);
  }

  /** The adapter named, if the caller may administer it (404 for an unknown name). */
  private administered(principal: Principal, name: string): AdapterName {
    const parsed = adapterNameSchema.safeParse(name);
    if (!parsed.success) {
      throw new NotFoundException(`no adapter ${name}; adapters: ${ADAPTER_NAMES.join(', ')}`);
    }
    const config = this.settings.current(parsed.data);
    if (!mayAdminister(principal, config)) throw refusal(config);
    return parsed.data;
  }
}

function refusal(config: AdapterConfig): ForbiddenException {
  return new ForbiddenException(
    'tenant' in config
      ? `no access to tenant ${config.tenant}`
      : 'the signed webhook serves every tenant: only an admin of all tenants (*) may change it',
  );
}

/** All-tenant admins: every adapter; others: those posting into their tenant. */
function mayAdminister(principal: Principal, config: AdapterConfig): boolean {
  if (principal.tenant === '*') return true;
  return 'tenant' in config && config.tenant === principal.tenant;
}
