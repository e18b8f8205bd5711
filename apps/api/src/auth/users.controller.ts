import { Body, Controller, Get, Inject, Param, Patch, Post, Req, UseGuards } from '@nestjs/common';
import {
  Conflict,
  Forbidden,
  newUserSchema,
  userCreated,
  userUpdateSchema,
  userUpdated,
  type UserInfo,
} from '@mieruka/contracts';
import { AuditLog } from '../audit/audit-log';
import { Doc } from '../http/openapi';
import { parseBody } from '../http/parse-input';
import { Allow } from './access.decorator';
import { AccessGuard, type AuthenticatedRequest } from './access.guard';
import { CurrentPrincipal } from './current-principal';
import type { Principal } from './principal';
import { UsersService } from './users.service';

/**
 * Admins manage the people who sign in: an admin of one tenant manages that tenant's users
 * only; an admin of every tenant (`*`) manages all, including other `*` users.
 */
@Controller('api/v1/users')
@UseGuards(AccessGuard)
@Allow('admin')
export class UsersController {
  constructor(
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  @Get()
  @Doc({ summary: "The users of the caller's tenant (all for `*`)", access: 'admins' })
  list(@CurrentPrincipal() principal: Principal): Promise<UserInfo[]> {
    return this.users.list(principal.tenant);
  }

  @Post()
  @Doc({ summary: 'Adds a user', body: newUserSchema, status: 201, access: 'admins' })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
    @Body() body: unknown,
  ): Promise<UserInfo> {
    const user = parseBody(newUserSchema, body);
    if (principal.tenant !== '*' && user.tenant !== principal.tenant) {
      throw new Forbidden(`an admin of ${principal.tenant} adds users of ${principal.tenant} only`);
    }
    if (!(await this.users.addUser(user))) {
      // The same answer whichever tenant holds the name: nothing said about whose it is.
      throw new Conflict('this username is not available; choose another', {
        code: 'user.name-taken',
      });
    }
    const [created] = (await this.users.list(principal.tenant)).filter(
      (u) => u.username === user.username,
    );
    if (!created) throw new Error(`user ${user.username} was not stored`);
    await this.audit.record(request, userCreated(user));
    return created;
  }

  /** A new password, another role, or disabled (which ends the user's sessions at once). */
  @Patch(':username')
  @Doc({
    summary:
      'Changes a password, role or a supervisor’s scopes, or disables a user; earlier sessions end (a refresh signs the change in)',
    body: userUpdateSchema,
    access: 'admins',
  })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
    @Param('username') username: string,
    @Body() body: unknown,
  ): Promise<UserInfo> {
    const change = parseBody(userUpdateSchema, body);
    const updated = await this.users.updateUser(username, change, principal.tenant);
    await this.audit.record(request, userUpdated(updated, change));
    return updated;
  }
}
