import {
  KPI_LABELS,
  KPI_UNITS,
  isHistoryKpi,
  type AlertMetric,
  type AlertRule,
  type Language,
} from '@mieruka/contracts';
import { formatLocalIso } from '@mieruka/kpi';
import type { AlertKind } from './rule-state';

/** One notification, as every channel sends it. */
export interface AlertNotification {
  readonly tenant: string;
  readonly rule: AlertRule;
  readonly kind: AlertKind;
  /** The number when it was sent (null: none at that moment). */
  readonly value: number | null;
  readonly at: number;
  readonly timeZone: string;
  readonly language: Language;
}

export interface AlertMessage {
  readonly title: string;
  readonly text: string;
  /** When, on the tenant's clock: `2026-12-07 14:02 (+09:00)`. */
  readonly when: string;
}

const WINDOW_LABELS: Record<Language, Record<string, string>> = {
  ja: { today: '本日', interval: '現在の15分', rolling15: '直近15分', rolling60: '直近60分' },
  en: {
    today: 'today',
    interval: 'this interval',
    rolling15: 'last 15 min',
    rolling60: 'last 60 min',
  },
};

const OTHER_LABELS: Record<Language, Record<string, string>> = {
  ja: {
    'live.inQueue': '待ち呼数',
    'live.longestWaitMs': '最長待ち時間',
    'live.agents.available': '待機中のオペレーター',
    'live.agents.on_call': '通話中のオペレーター',
    'live.agents.wrap': '後処理中のオペレーター',
    'live.agents.not_ready': '離席中のオペレーター',
    'live.agents.break': '休憩中のオペレーター',
    'orders.awaitingPayment': '入金待ちの注文',
    'orders.paidNotShipped': '未出荷の入金済み注文',
    'orders.held': '保留中の注文',
    'orders.stuck': '滞留注文',
    'orders.oldestPaidNotShippedMs': '最古の未出荷注文の経過時間',
  },
  en: {
    'live.inQueue': 'Calls in queue',
    'live.longestWaitMs': 'Longest wait',
    'live.agents.available': 'Agents available',
    'live.agents.on_call': 'Agents on a call',
    'live.agents.wrap': 'Agents in wrap-up',
    'live.agents.not_ready': 'Agents not ready',
    'live.agents.break': 'Agents on break',
    'orders.awaitingPayment': 'Orders awaiting payment',
    'orders.paidNotShipped': 'Paid orders not shipped',
    'orders.held': 'Orders on hold',
    'orders.stuck': 'Stuck orders',
    'orders.oldestPaidNotShippedMs': 'Oldest paid order not shipped',
  },
};

/** The metric as people name it: `Abandon rate (today)`, `滞留注文`. */
export function metricLabel(metric: AlertMetric, language: Language): string {
  const [root, window, kpi] = metric.split('.');
  if (root === 'windows' && window !== undefined && isHistoryKpi(kpi)) {
    const name = KPI_LABELS[language][kpi];
    const span = WINDOW_LABELS[language][window] ?? window;
    return language === 'ja' ? `${name}（${span}）` : `${name} (${span})`;
  }
  return OTHER_LABELS[language][metric] ?? metric;
}

function unitOf(metric: AlertMetric): 'count' | 'ratio' | 'ms' | 'money' | 'rate' {
  const last = metric.slice(metric.lastIndexOf('.') + 1);
  if (isHistoryKpi(last)) return KPI_UNITS[last];
  return last.endsWith('Ms') ? 'ms' : 'count';
}

/** A value as the wallboard shows it: ratios in %, durations in seconds (or minutes, hours). */
export function formatValue(metric: AlertMetric, value: number | null, language: Language): string {
  if (value === null) return '—';
  const unit = unitOf(metric);
  if (unit === 'ratio') return `${(value * 100).toFixed(1)}%`;
  if (unit === 'ms') {
    const seconds = Math.round(value / 1000);
    if (seconds < 120) return language === 'ja' ? `${seconds}秒` : `${seconds} s`;
    const minutes = Math.round(seconds / 60);
    if (minutes < 120) return language === 'ja' ? `${minutes}分` : `${minutes} min`;
    const hours = (minutes / 60).toFixed(1);
    return language === 'ja' ? `${hours}時間` : `${hours} h`;
  }
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** The wording of a notification, in the tenant's language, times on the tenant's clock. */
export function alertMessage(notification: AlertNotification): AlertMessage {
  const { rule, kind, value, language } = notification;
  const iso = formatLocalIso(notification.at, notification.timeZone);
  const when = `${iso.slice(0, 10)} ${iso.slice(11, 16)} (${iso.slice(-6)})`;
  const label = metricLabel(rule.metric, language);
  const shown = formatValue(rule.metric, value, language);
  const limit = formatValue(rule.metric, rule.threshold, language);
  const scope =
    rule.scope === 'tenant' ? notification.tenant : `${notification.tenant} / ${rule.scope}`;
  if (language === 'ja') {
    const title = `${kind === 'breach' ? '【発生】' : '【解除】'}${rule.name}`;
    const crossed = rule.op === 'above' ? '上回りました' : '下回りました';
    const text =
      kind === 'breach'
        ? `${label}が ${shown} になり、しきい値 ${limit} を${crossed}。（${scope}、${when}）`
        : `${label}は ${shown} で、しきい値 ${limit} の範囲に戻りました。（${scope}、${when}）`;
    return { title, text, when };
  }
  const title = `${kind === 'breach' ? '[Breached]' : '[Cleared]'} ${rule.name}`;
  const crossed = rule.op === 'above' ? 'above' : 'below';
  const text =
    kind === 'breach'
      ? `${label} is ${shown}, ${crossed} the threshold of ${limit}. (${scope}, ${when})`
      : `${label} is back within the threshold of ${limit} at ${shown}. (${scope}, ${when})`;
  return { title, text, when };
}
