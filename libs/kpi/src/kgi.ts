import type { Kgi, KgiProgress, Scope, TenantSettings } from '@mieruka/contracts';
import { formatLocalIso } from './format';
import { workingCalendar } from './working-calendar';
import { addDays, localTime, type LocalDate } from './zoned-time';

/** The local days a KGI runs over: [start, end) as instants, and its first and last date. */
export interface KgiPeriod {
  readonly start: number;
  /** Exclusive: local midnight after the last day. */
  readonly end: number;
  readonly firstDay: LocalDate;
  readonly lastDay: LocalDate;
}

function parseDate(value: string): LocalDate {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

function compareDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** The calendar month, quarter or year containing `at`'s local date, or the explicit dates. */
export function kgiPeriod(period: Kgi['period'], at: number, timeZone: string): KgiPeriod {
  const zone = localTime(timeZone);
  const today = zone.dateOf(at);
  let firstDay: LocalDate;
  let afterLast: LocalDate;
  if (period === 'month') {
    firstDay = { year: today.year, month: today.month, day: 1 };
    afterLast =
      today.month === 12
        ? { year: today.year + 1, month: 1, day: 1 }
        : { year: today.year, month: today.month + 1, day: 1 };
  } else if (period === 'quarter') {
    const first = Math.floor((today.month - 1) / 3) * 3 + 1;
    firstDay = { year: today.year, month: first, day: 1 };
    afterLast =
      first === 10
        ? { year: today.year + 1, month: 1, day: 1 }
        : { year: today.year, month: first + 3, day: 1 };
  } else if (period === 'year') {
    firstDay = { year: today.year, month: 1, day: 1 };
    afterLast = { year: today.year + 1, month: 1, day: 1 };
  } else {
    firstDay = parseDate(period.start);
    afterLast = addDays(parseDate(period.end), 1);
  }
  return {
    start: zone.startOfDay(firstDay),
    end: zone.startOfDay(afterLast),
    firstDay,
    lastDay: addDays(afterLast, -1),
  };
}

/** Working milliseconds of the period in total and up to `at` (docs/kpis.md, KGIs). */
export function workingTime(
  period: KgiPeriod,
  at: number,
  settings: TenantSettings,
): { total: number; elapsed: number } {
  const zone = localTime(settings.tenant.timezone);
  const calendar = workingCalendar(settings.workingCalendar);
  let total = 0;
  let elapsed = 0;
  for (let day = period.firstDay; compareDates(day, period.lastDay) <= 0; day = addDays(day, 1)) {
    const hours = calendar.hoursOn(day);
    if (!hours) continue;
    const start = zone.toEpoch(day, hours.open);
    const end = zone.toEpoch(day, hours.close);
    total += end - start;
    elapsed += Math.max(0, Math.min(end, at) - start);
  }
  return { total, elapsed };
}

/**
 * Pacing of one KGI from its `actual` (computed by either engine over periodStart ≤ t ≤ at):
 * the shared arithmetic of docs/kpis.md, which needs the calendar but no events.
 */
export function kgiProgress(
  kgi: Kgi,
  actual: number,
  at: number,
  settings: TenantSettings,
): KgiProgress {
  const timeZone = settings.tenant.timezone;
  const period = kgiPeriod(kgi.period, at, timeZone);
  const { total, elapsed } = workingTime(period, at, settings);
  // Days left are counted in default-length days (start–end), so a short Saturday is part of one.
  const daySpan = workingCalendar(settings.workingCalendar).standardDayMs / 1000;
  const expectedFraction = total === 0 ? null : elapsed / total;
  const progress = actual / kgi.target;
  const pace = expectedFraction ? progress / expectedFraction : null;
  const projected = expectedFraction ? actual / expectedFraction : null;
  const remainingWorkingDays = (total - elapsed) / 1000 / daySpan;
  const requiredPerWorkingDay =
    remainingWorkingDays === 0 ? null : Math.max(kgi.target - actual, 0) / remainingWorkingDays;
  const status =
    actual >= kgi.target
      ? 'achieved'
      : pace === null
        ? 'not_started'
        : pace >= 1.05
          ? 'ahead'
          : pace >= 0.95
            ? 'on_track'
            : 'behind';
  return {
    id: kgi.id,
    ...(kgi.name ? { name: kgi.name } : {}),
    metric: kgi.metric,
    ...(kgi.scope ? { scope: kgi.scope } : {}),
    target: kgi.target,
    periodStart: formatLocalIso(period.start, timeZone),
    periodEnd: formatLocalIso(period.end, timeZone),
    actual,
    progress,
    expectedFraction,
    pace,
    projected,
    remainingWorkingDays,
    requiredPerWorkingDay,
    status,
  };
}

/**
 * The KGIs a scope's snapshot shows, in the configured order, each with the scope whose events
 * its `actual` counts (docs/kpis.md, KGIs): a KGI without a scope shows everywhere with the
 * snapshot's own numbers (v1); one with a scope shows in the tenant's snapshot and its own
 * scope's, always with its own scope's numbers — never a team's goal paced on the centre's
 * revenue.
 */
export function kgisShownIn(
  kgis: readonly Kgi[],
  scope: Scope,
): { kgi: Kgi; index: number; countIn: Scope }[] {
  return kgis.flatMap((kgi, index) => {
    if (kgi.scope === undefined) return [{ kgi, index, countIn: scope }];
    if (scope !== 'tenant' && scope !== kgi.scope) return [];
    return [{ kgi, index, countIn: kgi.scope }];
  });
}
