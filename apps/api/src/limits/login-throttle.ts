import { Inject, Injectable } from '@nestjs/common';
import type { Env } from '@mieruka/contracts';
import { ENV } from '../config/tokens';
import type { AttemptCounter } from './attempts';
import { tooManyRequests } from './too-many';
import { clientAddress, digest } from './trackers';

export const LOGIN_ATTEMPTS = Symbol('LOGIN_ATTEMPTS');

/**
 * Sign-in throttling per username *and* address: after MIERUKA_LOGIN_MAX_FAILURES sign-ins
 * in a row that did not succeed, that pair waits until MIERUKA_LOGIN_WINDOW_MINUTES after
 * the first of them — guessing a password becomes slow. Keyed by the pair, so someone
 * guessing at a user's password from elsewhere never locks the real user out, and the wait
 * always ends by itself. A success starts the count over.
 */
@Injectable()
export class LoginThrottle {
  private readonly max: number;
  private readonly windowMs: number;

  constructor(
    @Inject(ENV) env: Env,
    @Inject(LOGIN_ATTEMPTS) private readonly attempts: AttemptCounter,
  ) {
    this.max = env.MIERUKA_LOGIN_MAX_FAILURES;
    this.windowMs = env.MIERUKA_LOGIN_WINDOW_MINUTES * 60_000;
  }

  /**
   * Runs `signIn` unless this pair is waiting. The attempt is counted before it runs and the
   * count cleared only by a success, so whatever else it ends in counts as a failure.
   */
  async attempt<T>(username: string, ip: unknown, signIn: () => Promise<T>): Promise<T> {
    // Usernames in any case are one user to a guesser; digested, as no name is kept in clear.
    const key = digest(`${username.toLowerCase()}\n${clientAddress(ip)}`);
    const { attempts, resetInMs } = await this.attempts.count(key, this.windowMs);
    if (attempts > this.max) throw tooManyRequests('login', this.max, this.windowMs, resetInMs);
    const session = await signIn();
    await this.attempts.clear(key);
    return session;
  }
}
