import { createI18n } from 'vue-i18n';
import { en } from './en';
import { ja } from './ja';
import { isLanguage, type Language } from '@mieruka/contracts/kpi-catalogue';

export { LANGUAGES, isLanguage, type Language } from '@mieruka/contracts/kpi-catalogue';

/** BCP 47 locale for numbers, money and dates per language (24-hour clocks in both). */
export const LOCALES: Record<Language, string> = { ja: 'ja-JP', en: 'en-US' };

/** The browser's language when it is one of ours, else Japanese (the product's home). */
export function browserLanguage(): Language {
  const preferred = (navigator.languages ?? [navigator.language]).map((l) => l.slice(0, 2));
  return preferred.find(isLanguage) ?? 'ja';
}

/**
 * Keys asked for but missing, recorded instead of only warned about: the end-to-end tests
 * read `window.__mierukaMissingKeys` and fail on any.
 */
const missing = new Set<string>();
declare global {
  interface Window {
    __mierukaMissingKeys?: string[];
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: browserLanguage(),
  fallbackLocale: false,
  messages: { en, ja },
  missingWarn: false,
  fallbackWarn: false,
  missing: (locale, key) => {
    missing.add(`${locale}:${key}`);
    window.__mierukaMissingKeys = [...missing];
    return key;
  },
});

export function setLanguage(language: Language): void {
  i18n.global.locale.value = language;
  document.documentElement.lang = language;
}
