import { isLanguage, type Language } from '@mieruka/contracts/kpi-catalogue';

/** Where this screen keeps its own choice of language for one wallboard. */
export const languageStorageKey = (wallboardId: string | undefined): string =>
  `mieruka.lang.${wallboardId ?? 'default'}`;

/** The language shown: `?lang=` for this visit, else this screen's choice, else the wallboard's. */
export function chooseLanguage(asked: unknown, stored: unknown, wallboards: Language): Language {
  return isLanguage(asked) ? asked : isLanguage(stored) ? stored : wallboards;
}

/** The language the switch turns to. */
export const otherLanguage = (language: Language): Language => (language === 'ja' ? 'en' : 'ja');
