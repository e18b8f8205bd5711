import { computed, ref, type ComputedRef, type Ref } from 'vue';
import type { CsvDurations } from '@mieruka/contracts';
import type { CsvChoice } from '../api/kpis';
import { isLanguage } from '../i18n';

const STORAGE_KEY = 'mieruka.csvDurations';
/** The ways a CSV for people writes durations, as the page offers them. */
export const CSV_DURATIONS: readonly CsvDurations[] = ['seconds', 'hms'];

/**
 * How a CSV for people is written: in the page's language, durations as the manager chose
 * (seconds or h:mm:ss, kept per browser).
 */
export function useCsvChoice(language: Ref<string>): {
  durations: Ref<CsvDurations>;
  choose: (value: string) => void;
  choice: ComputedRef<CsvChoice>;
} {
  const durations = ref<CsvDurations>(
    localStorage.getItem(STORAGE_KEY) === 'hms' ? 'hms' : 'seconds',
  );
  function choose(value: string): void {
    durations.value = value === 'hms' ? 'hms' : 'seconds';
    localStorage.setItem(STORAGE_KEY, durations.value);
  }
  const choice = computed<CsvChoice>(() => ({
    lang: isLanguage(language.value) ? language.value : 'ja',
    durations: durations.value,
  }));
  return { durations, choose, choice };
}
