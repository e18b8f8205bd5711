import type { Thresholds } from '@mieruka/contracts';

/** A tile's state: each has its colour, an icon and a word, never the colour alone. */
export type TileStatus = 'ok' | 'warn' | 'alert' | 'none';

export const STATUS_ICONS: Record<TileStatus, string> = {
  ok: '✓',
  warn: '▲',
  alert: '✕',
  none: '',
};

/**
 * `ok ≥ warn` means higher is better (service level: ok at 80 %, warn from 60 %, alert below);
 * `ok < warn` lower is better (ASA: ok up to 20 s, warn up to 40 s, alert above). A value that
 * does not exist (no calls yet) has no status rather than a scary one.
 */
export function tileStatus(value: number | null | undefined, thresholds?: Thresholds): TileStatus {
  if (!thresholds || value === null || value === undefined || !Number.isFinite(value)) {
    return 'none';
  }
  const { ok, warn } = thresholds;
  if (ok >= warn) return value >= ok ? 'ok' : value >= warn ? 'warn' : 'alert';
  return value <= ok ? 'ok' : value <= warn ? 'warn' : 'alert';
}
