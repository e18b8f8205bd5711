import type { CredentialStore, StoredToken } from '@mieruka/store';

/** How often tokens are re-read, so a revocation made on another instance takes effect here. */
export const TOKEN_RELOAD_MS = 10_000;
/** A miss re-reads the store at most this often, so unknown tokens cannot hammer it. */
const MISS_RELOAD_MS = 1_000;

/**
 * The access tokens in memory, indexed by digest: a handshake or request is checked without
 * a query. Re-read from the store every few seconds and on a miss (a token just created on
 * another instance), and updated at once by this instance's own writes.
 */
export class TokenRegistry {
  private byDigest = new Map<string, StoredToken>();
  private byId = new Map<string, StoredToken>();
  private lastLoad = 0;
  private loading: Promise<void> | undefined;
  /** Written while a reload was reading: re-applied over its (possibly older) result. */
  private writtenDuringLoad: StoredToken[] = [];
  /** Sign-ins with a usable refresh token, and all sign-ins seen; rebuilt after a change. */
  private liveSessions: Set<string> | undefined;
  private knownSessions: Set<string> | undefined;

  constructor(
    private readonly store: CredentialStore,
    private readonly now: () => number,
  ) {}

  async find(digest: string): Promise<StoredToken | undefined> {
    const known = this.byDigest.get(digest);
    if (known || Date.now() - this.lastLoad < MISS_RELOAD_MS) return known;
    await this.reload();
    return this.byDigest.get(digest);
  }

  get(id: string): StoredToken | undefined {
    return this.byId.get(id);
  }

  /**
   * Whether a sign-in is over: its refresh tokens are known here and none is left unrevoked
   * and unexpired (a logout, a stolen token coming back, a new password). A sign-in not
   * known here (made on another instance a moment ago) is not taken for ended.
   */
  sessionEnded(session: string): boolean {
    if (!session) return false;
    this.liveSessions ??= this.sessions(true);
    this.knownSessions ??= this.sessions(false);
    return this.knownSessions.has(session) && !this.liveSessions.has(session);
  }

  private sessions(liveOnly: boolean): Set<string> {
    const now = this.now();
    const found = new Set<string>();
    for (const token of this.byId.values()) {
      if (token.kind !== 'refresh' || !token.session) continue;
      if (liveOnly && (token.revokedAt !== null || token.expiresAt <= now)) continue;
      found.add(token.session);
    }
    return found;
  }

  all(): StoredToken[] {
    return [...this.byId.values()];
  }

  remember(token: StoredToken): void {
    const previous = this.byId.get(token.id);
    if (previous) this.byDigest.delete(previous.digest);
    this.byId.set(token.id, token);
    this.byDigest.set(token.digest, token);
    this.liveSessions = this.knownSessions = undefined;
    if (this.loading) this.writtenDuringLoad.push(token);
  }

  /** Re-reads every unexpired token; concurrent callers share one query. */
  reload(): Promise<void> {
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load(): Promise<void> {
    this.writtenDuringLoad = [];
    const tokens = await this.store.tokensValidAfter(this.now());
    const written = this.writtenDuringLoad;
    this.writtenDuringLoad = [];
    this.byDigest = new Map(tokens.map((t) => [t.digest, t]));
    this.byId = new Map(tokens.map((t) => [t.id, t]));
    for (const token of written) {
      this.byId.set(token.id, token);
      this.byDigest.set(token.digest, token);
    }
    this.liveSessions = this.knownSessions = undefined;
    this.lastLoad = Date.now();
  }
}
