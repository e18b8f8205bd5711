import { computed, ref, watch, type Ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import type { Wallboard } from '@mieruka/contracts';
import { LOCALES, setLanguage, type Language } from '../i18n';
import { chooseLanguage, languageStorageKey, otherLanguage } from '../live/screen-language';

/**
 * The TV's language: `?lang=` for this visit, else this screen's choice (kept per wallboard),
 * else the wallboard's; chosen again when the layout arrives, applied to the messages.
 */
export function useBoardLanguage(wallboard: Ref<Wallboard | undefined>): {
  language: Readonly<Ref<Language>>;
  locale: Readonly<Ref<string>>;
  switchLanguage: () => void;
} {
  const route = useRoute();
  const router = useRouter();
  const language = ref<Language>('ja');
  const storageKey = computed(() => languageStorageKey(wallboard.value?.id));
  watch(wallboard, (w) => {
    if (!w) return;
    const stored = localStorage.getItem(storageKey.value);
    language.value = chooseLanguage(route.query['lang'], stored, w.language);
  });
  watch(language, (l) => setLanguage(l), { immediate: true });

  function switchLanguage(): void {
    language.value = otherLanguage(language.value);
    localStorage.setItem(storageKey.value, language.value);
    if (route.query['lang'])
      void router.replace({ query: { ...route.query, lang: language.value } });
  }
  return { language, locale: computed(() => LOCALES[language.value]), switchLanguage };
}
