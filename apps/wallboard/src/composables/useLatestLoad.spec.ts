import { describe, expect, it } from '@jest/globals';
import { ApiError, AuthRequiredError } from '../api/problem';
import { useLatestLoad } from './useLatestLoad';

/** A promise settled by the test, so two loads can answer in either order. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

function setUp() {
  const signIns: string[] = [];
  const shown: string[] = [];
  const latest = useLatestLoad({
    describe: (error) => `could not: ${(error as Error).message}`,
    signIn: () => signIns.push('sign in'),
  });
  const load = (answer: Promise<string>) =>
    latest.run(
      () => answer,
      (a) => shown.push(a),
    );
  return { latest, signIns, shown, load };
}

describe('loading the latest choice', () => {
  it('applies only the answer to the latest load, and is loading until that one settles', async () => {
    const { latest, shown, load } = setUp();
    const older = deferred<string>();
    const newer = deferred<string>();
    const first = load(older.promise);
    const second = load(newer.promise);
    expect(latest.loading.value).toBe(true);
    newer.resolve('7d');
    await second;
    older.resolve('today');
    await first;
    expect(shown).toEqual(['7d']);
    expect(latest.loading.value).toBe(false);
  });

  it('drops the failure of an older load', async () => {
    const { latest, shown, load } = setUp();
    const older = deferred<string>();
    const first = load(older.promise);
    await load(Promise.resolve('30d'));
    older.reject(new ApiError(500, 'store down'));
    await first;
    expect([shown, latest.problem.value]).toEqual([['30d'], null]);
  });

  it('words a failure for the page, and sends an ended session to sign in', async () => {
    const { latest, signIns, load } = setUp();
    await load(Promise.reject(new ApiError(400, 'from: not a date')));
    expect(latest.problem.value).toBe('could not: from: not a date');
    expect(latest.loading.value).toBe(false);
    await load(Promise.reject(new AuthRequiredError('session ended')));
    expect(signIns).toEqual(['sign in']);
    expect(latest.problem.value).toBeNull();
  });
});
