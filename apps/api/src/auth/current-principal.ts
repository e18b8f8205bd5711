import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { Forbidden } from '@mieruka/contracts';
import type { AuthenticatedRequest } from './access.guard';
import { mayReadTenant, scopeRefusal, type Principal } from './principal';

/** The caller AccessGuard established (use only on routes marked with `@Allow`). */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) throw new Error('CurrentPrincipal on a route without @Allow');
    return principal;
  },
);

/** 403 when the caller is a supervisor limited to other scopes than this one. */
export function assertScope(principal: Principal, scope: string): void {
  const refused = scopeRefusal(principal, scope);
  if (refused) throw new Forbidden(refused);
}

/** 403 unless the caller may read this tenant's data. */
export function assertTenant(principal: Principal, tenant: string): void {
  if (!mayReadTenant(principal, tenant)) {
    throw new Forbidden(`no access to tenant ${tenant}`);
  }
}
