/**
 * Numbers as a TV shows them: rounded for display only (the API never rounds), "—" for a value
 * that does not exist (a ratio over nothing), grouping and currency per locale. Pure functions
 * of (value, locale), so the tests pin what each language prints.
 */

export const NONE = '—';

/** A number split into what is drawn big and the unit drawn small beside it. */
export interface Shown {
  readonly text: string;
  readonly unit: string;
}

const formatters = new Map<string, Intl.NumberFormat>();
/** Intl formatters are costly to build and a wallboard formats hundreds of numbers a second. */
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    formatters.set(key, format);
  }
  return format;
}

export function formatCount(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** A number with at most `digits` decimals: 4.3 working days left. */
export function formatDecimal(
  value: number | null | undefined,
  locale: string,
  digits = 1,
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
  return numberFormat(locale, { maximumFractionDigits: digits }).format(value);
}

/** A fraction as a percentage with one decimal (0.8234 → 82.3). */
export function formatPercent(value: number | null | undefined, locale: string): Shown {
  if (value === null || value === undefined || !Number.isFinite(value))
    return { text: NONE, unit: '' };
  const text = numberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    value * 100,
  );
  return { text, unit: '%' };
}

/** A percentage in running text, number and sign together (82.3%; — when there is none). */
export function formatPercentText(value: number | null | undefined, locale: string): string {
  const shown = formatPercent(value, locale);
  return `${shown.text}${shown.unit}`;
}

/**
 * Money in the tenant's currency with the currency's own decimals (¥ has none). The symbol is
 * part of the big text: "¥1,234,567" reads as one thing.
 */
export function formatMoney(
  value: number | null | undefined,
  locale: string,
  currency: string,
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
  return numberFormat(locale, { style: 'currency', currency }).format(value);
}

/** Seconds, whole: ASA 18 s. */
export function formatSeconds(ms: number | null | undefined, locale: string): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return NONE;
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(Math.round(ms / 1000));
}

/** A duration as m:ss (or h:mm:ss from an hour on): AHT 5:42, a wait 1:03. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return NONE;
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * 24-hour wall-clock time of an instant in a zone (the tenant's, never this screen's):
 * 14:02:31. A TV stick left on UTC still shows the centre's time.
 */
export function formatClock(epochMs: number, timeZone: string): string {
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    clockFormats.set(timeZone, format);
  }
  return format.format(epochMs);
}

/** A number too big for a tile, shortened per locale (1.2M, 120万). */
export function formatCompact(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
  return numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}
