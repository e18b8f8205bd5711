import { inject, type InjectionKey, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { LOCALES, isLanguage } from '../i18n';

/**
 * The tenant's time zone, provided by a page that knows it (the admin page, from its wallboard
 * answer): times are the centre's, not the zone of whatever screen shows them.
 */
export const TENANT_TIME_ZONE: InjectionKey<Ref<string | undefined>> = Symbol('tenantTimeZone');

/** An instant as the admin panels show it: the page's language, 24-hour clock, the tenant's zone. */
export function useDateTime(): (iso: string) => string {
  const { locale } = useI18n();
  const zone = inject(TENANT_TIME_ZONE, undefined);
  return (iso) =>
    new Date(iso).toLocaleString(LOCALES[isLanguage(locale.value) ? locale.value : 'en'], {
      // h23, not hour12: false, which en-US renders as 24:05 just after midnight.
      hourCycle: 'h23',
      ...(zone?.value ? { timeZone: zone.value } : {}),
    });
}
