import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { errorText } from '../api/error-text';

/**
 * A panel's one place for a failed API call: `attempt` runs a call and, when it fails, words the
 * failure in the page's language as the panel's `problem` (the API's own reason when it gave
 * one). It never clears `problem`: each panel says when a success makes an earlier refusal moot.
 */
export function useApiProblem(wording: (reason: string) => string = (reason) => reason) {
  const { t } = useI18n();
  const problem = ref<string | null>(null);
  async function attempt(call: () => Promise<unknown>): Promise<boolean> {
    try {
      await call();
      return true;
    } catch (error) {
      problem.value = wording(errorText(error, t));
      return false;
    }
  }
  return { problem, attempt };
}
