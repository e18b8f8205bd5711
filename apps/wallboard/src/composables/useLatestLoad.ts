import { ref, type Ref } from 'vue';
import { AuthRequiredError } from '../api/problem';

export interface LatestLoad {
  readonly loading: Ref<boolean>;
  /** Why the latest load failed, worded for the page; null while loading and after a success. */
  readonly problem: Ref<string | null>;
  /** Runs a load; its answer is applied only when no later load started meanwhile. */
  readonly run: <T>(load: () => Promise<T>, apply: (answer: T) => void) => Promise<void>;
}

/**
 * Loading what the page's choices ask for, where a choice may change before the answer comes:
 * an older answer (or failure) is dropped, an ended session sends the user to sign in, any
 * other failure becomes `problem` in the page's words.
 */
export function useLatestLoad(options: {
  readonly describe: (error: unknown) => string;
  readonly signIn: () => void;
}): LatestLoad {
  const loading = ref(false);
  const problem = ref<string | null>(null);
  let generation = 0;
  async function run<T>(load: () => Promise<T>, apply: (answer: T) => void): Promise<void> {
    const mine = ++generation;
    const current = (): boolean => mine === generation;
    loading.value = true;
    problem.value = null;
    try {
      const answer = await load();
      if (current()) apply(answer);
    } catch (error) {
      if (!current()) return;
      if (error instanceof AuthRequiredError) options.signIn();
      else problem.value = options.describe(error);
    } finally {
      if (current()) loading.value = false;
    }
  }
  return { loading, problem, run };
}
