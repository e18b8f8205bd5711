import type { WallboardTenantView } from '@mieruka/contracts';
import { formatDecimal } from './format';
import { KPI_CATALOGUE, type HistoryKpi } from './kpi-keys';

/**
 * A KPI's definition as messages to translate (the texts are in i18n/definitions-*.ts), with
 * the tenant's own settings as their parameters: a manager reads "answered within 30 s", not
 * "within the threshold". Pure, so a test can render every KPI in both languages.
 */

/** A message whose parameters may themselves be messages (the service-level rule's name). */
export interface DefinitionText {
  readonly key: string;
  readonly params: Readonly<Record<string, string | DefinitionText>>;
}

export interface KpiDefinition {
  /** What it counts, in plain words. */
  readonly what: DefinitionText;
  readonly formula: DefinitionText;
  /** The rule in force, what "—" means, where the number is empty… */
  readonly notes: readonly DefinitionText[];
}

/** The "ratios and averages" of docs/kpis.md: over a zero denominator they are "—". */
const isRatio = (kpi: HistoryKpi): boolean => KPI_CATALOGUE[kpi].kind === 'ratio';

/** Agent-state ratios, counted from agent time: empty by queue or campaign (docs/kpis.md, History). */
const isAgentTime = (kpi: HistoryKpi): boolean => KPI_CATALOGUE[kpi].fold === 'agent-timeline';

/** The currency's name in the reader's language ("Japanese Yen", "日本円"), else its code. */
function currencyName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames(locale, { type: 'currency' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The tenant's settings the definitions name, formatted for the reader's locale. */
export function definitionParams(
  tenant: WallboardTenantView,
  locale: string,
): Record<string, string> {
  // Settings are milliseconds; a threshold of 15.5 s must not read as 16.
  const seconds = (ms: number): string => formatDecimal(ms / 1000, locale, 1);
  return {
    threshold: seconds(tenant.serviceLevel.thresholdMs),
    shortAbandon: seconds(tenant.serviceLevel.shortAbandonMs),
    currency: currencyName(tenant.currency, locale),
    timezone: tenant.timezone,
  };
}

/** The definition of one KPI of the drill-down, for this tenant. */
export function kpiDefinition(
  kpi: HistoryKpi,
  tenant: WallboardTenantView,
  locale: string,
): KpiDefinition {
  const params = definitionParams(tenant, locale);
  const text = (key: string, extra: Record<string, DefinitionText> = {}): DefinitionText => ({
    key,
    params: { ...params, ...extra },
  });
  const variant = tenant.serviceLevel.variant;
  const base = `definitions.kpis.${kpi}`;
  // Service level has a formula per variant: the page shows the one the tenant chose.
  const formula = kpi === 'serviceLevel' ? `${base}.formula.${variant}` : `${base}.formula`;
  const notes: DefinitionText[] = [];
  if (kpi === 'serviceLevel') {
    // Named as the tile's small print names it, so the two read alike.
    notes.push(
      text(`${base}.rule.${variant}`, { variant: { key: `variants.${variant}`, params: {} } }),
    );
  }
  if (isRatio(kpi)) notes.push(text('definitions.notes.zeroDenominator'));
  if (isAgentTime(kpi)) notes.push(text('definitions.notes.agentTime'));
  notes.push(text('definitions.notes.sameNumber'), text('definitions.notes.timezone'));
  return { what: text(`${base}.what`), formula: text(formula), notes };
}

/** Every message a definition uses, nested ones included (for the tests). */
export function definitionTexts(definition: KpiDefinition): DefinitionText[] {
  const walk = (text: DefinitionText): DefinitionText[] => [
    text,
    ...Object.values(text.params).flatMap((p) => (typeof p === 'string' ? [] : walk(p))),
  ];
  return [definition.what, definition.formula, ...definition.notes].flatMap(walk);
}

/** A definition text in words, given the translator (vue-i18n's `t`). */
export function renderText(
  text: DefinitionText,
  translate: (key: string, params: Record<string, string>) => string,
): string {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(text.params)) {
    params[name] = typeof value === 'string' ? value : renderText(value, translate);
  }
  return translate(text.key, params);
}
