import { isRfc3339 } from '@mieruka/contracts';
import { localTime } from '@mieruka/kpi';
import { decimalSecondsToMs, wholeNumber } from '../common/numbers';

const TOKENS: Readonly<Record<string, string>> = {
  YYYY: '(\\d{4})',
  MM: '(\\d{1,2})',
  DD: '(\\d{1,2})',
  HH: '(\\d{1,2})',
  mm: '(\\d{2})',
  ss: '(\\d{2})',
  SSS: '(\\d{1,3})',
};

/**
 * Reads a time cell: `iso` (RFC 3339 with an offset), `epoch_s`, `epoch_ms`, or a pattern
 * such as `YYYY-MM-DD HH:mm:ss` / `YYYY/MM/DD HH:mm` read as wall time in `timeZone`
 * (DST-safe). Undefined when the cell does not fit.
 */
export function parseTime(text: string, format: string, timeZone: string): number | undefined {
  const value = text.trim();
  if (format === 'iso') return isRfc3339(value) ? Date.parse(value.toUpperCase()) : undefined;
  if (format === 'epoch_s') return decimalSecondsToMs(value);
  if (format === 'epoch_ms') return wholeNumber(value);
  const order: string[] = [];
  const source = format.replace(/YYYY|SSS|MM|DD|HH|mm|ss|[.*+?^${}()|[\]\\]/g, (token) => {
    const group = TOKENS[token];
    if (!group) return `\\${token}`;
    order.push(token);
    return group;
  });
  const m = new RegExp(`^${source}$`).exec(value);
  if (!m) return undefined;
  const part = (token: string, fallback: number) => {
    const i = order.indexOf(token);
    return i < 0 ? fallback : Number(m[i + 1]);
  };
  const [year, month, day] = [part('YYYY', NaN), part('MM', NaN), part('DD', NaN)];
  const [hour, minute, second] = [part('HH', 0), part('mm', 0), part('ss', 0)];
  const ms = order.includes('SSS')
    ? Number((m[order.indexOf('SSS') + 1] ?? '0').padEnd(3, '0'))
    : 0;
  if (!(
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= 31 &&
    hour < 24 &&
    minute < 60 &&
    second < 60
  )) {
    return undefined;
  }
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1) return undefined;
  const msOfDay = ((hour * 60 + minute) * 60 + second) * 1000 + ms;
  return localTime(timeZone).toEpoch({ year, month, day }, msOfDay);
}
