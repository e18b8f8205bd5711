import { describe, expect, it } from '@jest/globals';
import { createI18n } from 'vue-i18n';
import { SERVICE_LEVEL_VARIANTS, type WallboardTenantView } from '@mieruka/contracts';
import { en } from '../i18n/en';
import { ja } from '../i18n/ja';
import { definitionTexts, kpiDefinition, renderText, type KpiDefinition } from './definitions';
import { HISTORY_KPIS, type HistoryKpi } from './kpi-keys';

/**
 * Every KPI the drill-down offers has its definition in both languages, each message exists and
 * gets every parameter it names, and the tenant's own settings end up in the words.
 */

const LANGUAGES = { en: { messages: en, locale: 'en-US' }, ja: { messages: ja, locale: 'ja-JP' } };
type Language = keyof typeof LANGUAGES;

/** Settings unlike the defaults (20 s, 5 s), so a number written into a text cannot pass. */
const tenant = (
  variant: WallboardTenantView['serviceLevel']['variant'],
  thresholdMs = 30_000,
  shortAbandonMs = 8_000,
): WallboardTenantView => ({
  id: 'east',
  timezone: 'America/New_York',
  currency: 'USD',
  serviceLevel: { variant, thresholdMs, shortAbandonMs },
  orders: { shipWithinMs: 86_400_000, payWithinMs: 3_600_000 },
});

const leaf = (tree: object, key: string): unknown =>
  key
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        typeof node === 'object' && node !== null
          ? (node as Record<string, unknown>)[part]
          : undefined,
      tree,
    );
const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');

/** Renders with the real vue-i18n (its message syntax included), recording missing keys. */
function renderer(language: Language): {
  say: (definition: KpiDefinition) => string[];
  missing: string[];
} {
  const missing: string[] = [];
  const i18n = createI18n({
    legacy: false,
    locale: language,
    fallbackLocale: false,
    messages: { en, ja },
    missingWarn: false,
    fallbackWarn: false,
    missing: (locale, key) => {
      missing.push(`${locale}:${key}`);
      return key;
    },
  });
  const t = (key: string, params: Record<string, string>): string => i18n.global.t(key, params);
  return {
    say: (definition) =>
      [definition.what, definition.formula, ...definition.notes].map((m) => renderText(m, t)),
    missing,
  };
}

const cases = (Object.keys(LANGUAGES) as Language[]).flatMap((language) =>
  SERVICE_LEVEL_VARIANTS.flatMap((variant) =>
    HISTORY_KPIS.map((kpi) => ({ language, variant, kpi })),
  ),
);

describe('KPI definitions', () => {
  it('has a definition of every history KPI in both languages, with every parameter given', () => {
    const problems: string[] = [];
    for (const { language, variant, kpi } of cases) {
      const { messages, locale } = LANGUAGES[language];
      const definition = kpiDefinition(kpi, tenant(variant), locale);
      for (const text of definitionTexts(definition)) {
        const message = leaf(messages, text.key);
        if (typeof message !== 'string' || message.trim() === '') {
          problems.push(`${language} ${kpi}: no message ${text.key}`);
          continue;
        }
        for (const name of placeholders(message)) {
          if (!(name in text.params)) problems.push(`${language} ${text.key}: no {${name}}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('renders every definition through vue-i18n exactly as written, nothing left unfilled', () => {
    for (const language of Object.keys(LANGUAGES) as Language[]) {
      const { say, missing } = renderer(language);
      for (const { variant, kpi } of cases.filter((c) => c.language === language)) {
        const definition = kpiDefinition(kpi, tenant(variant), LANGUAGES[language].locale);
        const shown = say(definition);
        // vue-i18n's own syntax (`|` plurals, `@` links) would change a text: plain
        // substitution must give the same words.
        const plain = (key: string, params: Record<string, string>): string =>
          String(leaf(LANGUAGES[language].messages, key)).replace(
            /\{(\w+)\}/g,
            (_, name: string) => params[name] ?? `{${name}}`,
          );
        expect(shown).toEqual(
          [definition.what, definition.formula, ...definition.notes].map((m) =>
            renderText(m, plain),
          ),
        );
        for (const line of shown)
          expect([kpi, line]).toEqual([kpi, expect.not.stringMatching(/[{}]/)]);
        expect(shown.length).toBeGreaterThanOrEqual(4);
      }
      expect(missing).toEqual([]);
    }
  });

  it('writes the tenant’s service-level rule, threshold and short-abandon time into the words', () => {
    const en1 = renderer('en');
    const ja1 = renderer('ja');
    const sl = (language: Language, variant: WallboardTenantView['serviceLevel']['variant']) =>
      (language === 'en' ? en1 : ja1).say(
        kpiDefinition('serviceLevel', tenant(variant), LANGUAGES[language].locale),
      );

    const [whatEn, formulaEn, ruleEn] = sl('en', 'abandons_count');
    expect(whatEn).toContain('within 30 seconds');
    expect(formulaEn).toBe(
      'answered within 30 s ÷ (answered + abandoned − abandoned in under 8 s)',
    );
    expect(ruleEn).toContain(`“${en.variants.abandons_count}” (the default)`);
    expect(sl('en', 'answered_only')[1]).toBe('answered within 30 s ÷ answered');
    expect(sl('en', 'abandons_after_threshold')[1]).toBe(
      'answered within 30 s ÷ (answered + abandoned after waiting more than 30 s)',
    );

    const [whatJa, formulaJa, ruleJa] = sl('ja', 'abandons_count');
    expect(whatJa).toContain('30 秒以内');
    expect(formulaJa).toBe('30 秒以内の応答数 ÷ (応答数 + 放棄呼数 − 8 秒未満の放棄呼数)');
    expect(ruleJa).toContain(`「${ja.variants.abandons_count}」（標準）`);
    expect(sl('ja', 'answered_only')[1]).toBe('30 秒以内の応答数 ÷ 応答数');
    expect(sl('ja', 'abandons_after_threshold')[1]).toBe(
      '30 秒以内の応答数 ÷ (応答数 + 30 秒を超えて待った放棄呼数)',
    );
    expect(en1.missing).toEqual([]);
    expect(ja1.missing).toEqual([]);
  });

  it('names the short-abandon time, the currency and the time zone where they matter', () => {
    const say = (kpi: HistoryKpi, language: Language, settings = tenant('abandons_count')) =>
      renderer(language).say(kpiDefinition(kpi, settings, LANGUAGES[language].locale));
    expect(say('abandonRate', 'en')[1]).toBe(
      '(abandoned − abandoned in under 8 s) ÷ (answered + abandoned − abandoned in under 8 s)',
    );
    expect(say('abandonRate', 'ja')[0]).toContain('8 秒未満');
    expect(say('revenue', 'en')[0]).toContain('(US Dollar)');
    expect(say('aov', 'ja')[0]).toContain('米ドル');
    expect(say('offered', 'en').join(' ')).toContain('(America/New_York)');
    // A threshold of 15.5 s is not rounded away.
    expect(say('answeredInSL', 'en', tenant('abandons_count', 15_500))[1]).toBe(
      'answered calls with a wait ≤ 15.5 s',
    );
    // Only where it applies: a count has no "—" note, agent time says why a queue is empty.
    expect(say('offered', 'en').join(' ')).not.toContain('divisor is zero');
    expect(say('occupancy', 'en').join(' ')).toContain('By queue or campaign it stays empty');
  });
});
