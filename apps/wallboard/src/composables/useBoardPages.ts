import { computed, type Ref } from 'vue';
import type { Wallboard, WallboardPage } from '@mieruka/contracts';
import { gridRows, pageTitle } from '../kpi/board-grid';
import type { Language } from '../i18n';
import { useRotation } from './useRotation';

/** The wallboard's pages, rotating: the one shown, its grid's rows and its title. */
export function useBoardPages(
  wallboard: Ref<Wallboard | undefined>,
  language: Ref<Language>,
): {
  pages: Readonly<Ref<readonly WallboardPage[]>>;
  pageIndex: Readonly<Ref<number>>;
  page: Readonly<Ref<WallboardPage | undefined>>;
  rows: Readonly<Ref<number>>;
  title: Readonly<Ref<string>>;
} {
  const pages = computed(() => wallboard.value?.pages ?? []);
  const pageIndex = useRotation(
    computed(() => pages.value.length),
    computed(() => wallboard.value?.rotateSeconds ?? 30),
  );
  const page = computed(() => pages.value[pageIndex.value] ?? pages.value[0]);
  return {
    pages,
    pageIndex,
    page,
    rows: computed(() => gridRows(page.value)),
    title: computed(() => pageTitle(page.value, language.value)),
  };
}
