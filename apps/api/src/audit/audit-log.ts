import { Inject, Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { AuditChange, AuditEntry } from '@mieruka/contracts';
import { AuditStore } from '@mieruka/store';
import type { AuthenticatedRequest } from '../auth/access.guard';
import { CLOCK, type Clock } from '../config/tokens';

/**
 * Writes an admin change to the audit log, after the change succeeded: who from the request's
 * principal (set by AccessGuard), when from the clock, the correlation id from the request.
 * The change is made by then, so a failed write does not fail the request (its caller would
 * retry a change that is done); the entry goes to the error log in full instead.
 */
@Injectable()
export class AuditLog {
  constructor(
    @Inject(AuditStore) private readonly store: AuditStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('audit');
  }

  async record(request: AuthenticatedRequest, change: AuditChange): Promise<void> {
    const principal = request.principal;
    // Only admins change anything, and only signed-in users are admins.
    if (principal?.kind !== 'user') throw new Error('an audited change without a signed-in user');
    const { id } = request as AuthenticatedRequest & { id?: unknown };
    const entry: AuditEntry = {
      id: randomUUID(),
      at: new Date(this.clock.now()).toISOString(),
      tenant: change.tenant,
      actor: principal.username,
      actorRole: principal.role,
      actorTenant: principal.tenant,
      action: change.action,
      target: change.target,
      summary: change.summary,
      requestId: typeof id === 'string' ? id : '',
    };
    try {
      await this.store.append(entry);
    } catch (error) {
      this.logger.error({ err: error, audit: entry }, 'audit: could not store this entry');
    }
  }
}
