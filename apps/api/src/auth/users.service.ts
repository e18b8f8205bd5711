import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import {
  InvalidInput,
  NotFound,
  type Env,
  type NewUserInput,
  type UserInfo,
  type UserUpdate,
} from '@mieruka/contracts';
import { CredentialStore, type StoredUser } from '@mieruka/store';
import { CLOCK, ENV, type Clock } from '../config/tokens';
import { addUser } from './add-user';
import { CredentialState } from './credential-state';
import { userRoom } from './principal';
import { hashPassword } from './secrets';

/** The people who sign in: listed, added and changed by admins; the first admin from the settings. */
@Injectable()
export class UsersService implements OnApplicationBootstrap {
  constructor(
    @Inject(CredentialStore) private readonly credentials: CredentialStore,
    @Inject(CredentialState) private readonly state: CredentialState,
    @Inject(ENV) private readonly env: Env,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('auth');
  }

  /** MIERUKA_ADMIN_USER / _PASSWORD create the first admin when that user does not exist. */
  async onApplicationBootstrap(): Promise<void> {
    const username = this.env.MIERUKA_ADMIN_USER;
    const password = this.env.MIERUKA_ADMIN_PASSWORD;
    if (!username || !password) return;
    if (await this.credentials.findUser(username)) return;
    await this.addUser({ username, password, tenant: '*', role: 'admin' });
    this.logger.info({ username }, 'created the first admin from the settings');
  }

  /** Users a caller of `tenant` may see: those of that tenant (all of them for `*`). */
  async list(tenant: string): Promise<UserInfo[]> {
    const users = await this.credentials.listUsers(tenant === '*' ? undefined : tenant);
    return users.map(userInfo);
  }

  /** Adds a user; `false` when that username is taken. */
  addUser(user: NewUserInput): Promise<boolean> {
    return addUser(this.credentials, user, this.clock.now());
  }

  /** Applies a change; NotFound when there is no such user in the caller's reach. */
  async updateUser(username: string, change: UserUpdate, callerTenant: string): Promise<UserInfo> {
    const user = await this.credentials.findUser(username);
    if (!user || (callerTenant !== '*' && user.tenant !== callerTenant)) {
      throw new NotFound(`no user ${username}`, { code: 'user.not-found' });
    }
    const role = change.role ?? user.role;
    if (role !== 'supervisor' && (change.scopes?.length ?? 0) > 0) {
      throw new InvalidInput('scopes: only a supervisor can be limited to scopes', {
        code: 'user.scopes-need-supervisor',
      });
    }
    const updated: StoredUser = {
      ...user,
      role,
      // Managers and admins see the whole tenant: a promotion drops a supervisor's limits.
      scopes: role === 'supervisor' ? (change.scopes ?? user.scopes) : [],
      disabled: change.disabled ?? user.disabled,
      passwordHash: change.password ? await hashPassword(change.password) : user.passwordHash,
      changedAt: this.clock.now(),
    };
    await this.credentials.saveUser(updated);
    // Sessions signed before now end here at once (other instances: at their next reload).
    this.state.userChanged(username, updated.changedAt, updated.disabled);
    if (updated.disabled || change.password) {
      // A new password or a disabled account ends the sessions it had: renewals at once, and
      // (when disabled) the signed access tokens and open sockets on every instance.
      await this.state.revokeWhere((t) => t.kind === 'refresh' && t.subject === username);
    }
    if (updated.disabled) this.state.announce(userRoom(username));
    return userInfo(updated);
  }
}

function userInfo(user: StoredUser): UserInfo {
  return {
    username: user.username,
    tenant: user.tenant,
    role: user.role,
    scopes: user.scopes,
    createdAt: new Date(user.createdAt).toISOString(),
    disabled: user.disabled,
  };
}
