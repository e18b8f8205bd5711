import type { KgiProgress } from '@mieruka/contracts';
import { formatCount, formatMoney } from './format';

export type KgiStatus = KgiProgress['status'];

/** Colour class and icon per status: the word comes from i18n, so colour is never alone. */
export const KGI_STATUS_ICONS: Record<KgiStatus, string> = {
  achieved: '★',
  ahead: '▲',
  on_track: '✓',
  behind: '▼',
  not_started: '○',
};

/** Money for revenue goals, counts for the rest (orders, appointments, answered calls…). */
export function formatKgiValue(
  metric: string,
  value: number | null,
  locale: string,
  currency: string,
): string {
  return metric === 'revenue' ? formatMoney(value, locale, currency) : formatCount(value, locale);
}

/** The bar's geometry in percent of its width: filled part and the expected-by-now marker. */
export function kgiBar(kgi: KgiProgress): { filled: number; expected: number | null } {
  const clamp = (n: number): number => Math.min(100, Math.max(0, n * 100));
  return {
    filled: clamp(kgi.progress),
    expected: kgi.expectedFraction === null ? null : clamp(kgi.expectedFraction),
  };
}

/** The goal's name in the screen's language, else the other language, else its id. */
export function kgiName(kgi: KgiProgress, language: 'ja' | 'en'): string {
  return kgi.name?.[language] ?? kgi.name?.[language === 'ja' ? 'en' : 'ja'] ?? kgi.id;
}
