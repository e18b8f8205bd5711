import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Forbidden, Unauthenticated } from '@mieruka/contracts';
import { ACCESS_KEY } from './access.decorator';
import { challenged } from './auth-error';
import { AuthService } from './auth.service';
import { accessOf, type Access, type Principal } from './principal';

export type AuthenticatedRequest = Request & { principal?: Principal };

/**
 * `Authorization: Bearer <session or display token>` on routes marked with `@Allow(...)`:
 * 401 without a valid credential, 403 when its role is not among those allowed. Which
 * tenant's data a caller may see is checked by the route with `mayReadTenant`.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AuthService) private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const allowed = this.reflector.getAllAndOverride<Access[] | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!allowed) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match?.[1]) throw unauthorized('sign in: send Authorization: Bearer <token>');
    const principal = await this.auth.authenticate(match[1]).catch(challenged(CHALLENGE));
    if (!allowed.includes(accessOf(principal))) {
      throw new Forbidden(`this needs one of: ${allowed.join(', ')}`);
    }
    request.principal = principal;
    return true;
  }
}

const CHALLENGE = 'Bearer realm="mieruka"';

function unauthorized(message: string): Unauthenticated {
  return new Unauthenticated(message, { challenge: CHALLENGE });
}
