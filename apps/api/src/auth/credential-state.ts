import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { CredentialStore, type StoredToken } from '@mieruka/store';
import { CLOCK, type Clock } from '../config/tokens';
import { displayTokenRoom } from './principal';
import { secretDigest } from './secrets';
import { TOKEN_RELOAD_MS, TokenRegistry } from './token-registry';
import { TokenUses, USE_RESOLUTION_MS } from './token-uses';

/**
 * What this instance knows of every credential, shared by the users, sessions, token and
 * authentication services: the tokens (as digests), their last uses, which users are disabled
 * or were changed. Re-read every few seconds so another instance's revocations hold here too;
 * listeners hear every revocation so open sockets of that credential can be closed at once.
 */
@Injectable()
export class CredentialState implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly registry: TokenRegistry;
  private readonly uses: TokenUses;
  private readonly revokedListeners: ((credentialRoom: string) => void)[] = [];
  private reloadTimer: NodeJS.Timeout | undefined;
  private usesTimer: NodeJS.Timeout | undefined;
  /** Users disabled (here or on another instance): their signed sessions stop working. */
  private disabledUsers = new Set<string>();
  /** When an admin last changed each user: sessions signed before it stop working. */
  private userChanges = new Map<string, number>();

  constructor(
    @Inject(CredentialStore) private readonly credentials: CredentialStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('auth');
    this.registry = new TokenRegistry(credentials, () => clock.now());
    this.uses = new TokenUses(credentials, () => clock.now());
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.reload();
    this.reloadTimer = setInterval(() => {
      this.reload().catch((error: unknown) => {
        this.logger.warn({ err: error }, 'could not re-read access tokens; keeping the last ones');
      });
    }, TOKEN_RELOAD_MS).unref();
    this.usesTimer = setInterval(() => void this.flushUses(), USE_RESOLUTION_MS).unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.reloadTimer);
    clearInterval(this.usesTimer);
    await this.flushUses();
  }

  /** The token a presented secret stands for (re-reading the store on a miss). */
  findBySecret(secret: string): Promise<StoredToken | undefined> {
    return this.registry.find(secretDigest(secret));
  }

  byId(id: string): StoredToken | undefined {
    return this.registry.get(id);
  }

  all(): StoredToken[] {
    return this.registry.all();
  }

  sessionEnded(session: string): boolean {
    return this.registry.sessionEnded(session);
  }

  isDisabled(username: string): boolean {
    return this.disabledUsers.has(username);
  }

  /** Epoch ms of an admin's last change to the user (0: none known). */
  changedAt(username: string): number {
    return this.userChanges.get(username) ?? 0;
  }

  /** An admin's change, in effect here at once (other instances: at their next reload). */
  userChanged(username: string, at: number, disabled: boolean): void {
    this.userChanges.set(username, at);
    if (disabled) this.disabledUsers.add(username);
    else this.disabledUsers.delete(username);
  }

  /** Notes a use of a token; written to the store in batches. */
  touch(id: string): void {
    this.uses.touch(id);
  }

  /** The last use of every token that has one (epoch ms by token id). */
  lastUses(): Promise<Map<string, number>> {
    return this.uses.all();
  }

  async store(token: StoredToken): Promise<void> {
    await this.credentials.saveToken(token);
    this.registry.remember(token);
  }

  async revoke(token: StoredToken): Promise<void> {
    await this.store({ ...token, revokedAt: this.clock.now() });
    if (token.kind === 'display') this.announce(displayTokenRoom(token.id));
  }

  async revokeWhere(match: (token: StoredToken) => boolean): Promise<void> {
    for (const token of this.registry.all()) {
      if (match(token) && token.revokedAt === null) await this.revoke(token);
    }
  }

  /** Tells the listeners a credential room (see `credentialRooms`) is no longer good. */
  announce(credentialRoom: string): void {
    for (const listener of this.revokedListeners) listener(credentialRoom);
  }

  onRevoked(listener: (credentialRoom: string) => void): void {
    this.revokedListeners.push(listener);
  }

  /** Writes the tokens' last uses; a failure only delays them to the next flush. */
  private async flushUses(): Promise<void> {
    await this.uses.flush().catch((error: unknown) => {
      this.logger.warn({ err: error }, 'could not record when tokens were last used; retrying');
    });
  }

  private async reload(): Promise<void> {
    const [users] = await Promise.all([this.credentials.listUsers(), this.registry.reload()]);
    this.disabledUsers = new Set(users.filter((u) => u.disabled).map((u) => u.username));
    this.userChanges = new Map(users.map((u) => [u.username, u.changedAt]));
  }
}
