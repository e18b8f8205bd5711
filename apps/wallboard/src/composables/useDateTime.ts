import { useI18n } from 'vue-i18n';
import { LOCALES, isLanguage } from '../i18n';

/** An instant as the admin panels show it: the page's language, 24-hour clock. */
export function useDateTime(): (iso: string) => string {
  const { locale } = useI18n();
  return (iso) =>
    new Date(iso).toLocaleString(LOCALES[isLanguage(locale.value) ? locale.value : 'en'], {
      hour12: false,
    });
}
