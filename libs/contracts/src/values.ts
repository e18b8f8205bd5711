/**
 * The contracts' run-time values that need no zod: the wallboard bundles this file
 * (`@mieruka/contracts/values`), and with the KPI catalogue (`@mieruka/contracts/kpi-catalogue`)
 * it is all the wallboard may import from the contracts at run time — from the index it takes
 * types only (`import type`), so zod never reaches the browser. ESLint enforces both, and
 * refuses a zod import here (eslint.config.mjs). The schemas built on these values import them
 * from here; the index exports them as before.
 */

import type { TileKind } from './kpi-catalogue';

/** The live socket's Socket.IO namespace (realtime.ts). */
export const LIVE_NAMESPACE = '/live';

/** One point of a trend line: [server time (epoch ms), value or null for "none yet"]. */
export type TrendPoint = [time: number, value: number | null];

/** A trend line a live join asks for (realtime.ts validates it): `window` or `live`, and a key. */
export interface TrendSeries {
  readonly window: 'today' | 'interval' | 'rolling15' | 'rolling60' | 'live';
  readonly key: string;
}

/** A trend line's name in a join's answer: `window.key`. */
export function trendSeriesName(series: TrendSeries): string {
  return `${series.window}.${series.key}`;
}

/** The states an agent is shown in on the floor (kpi-snapshot.ts, floor.ts). */
export const LIVE_AGENT_STATES = ['available', 'on_call', 'wrap', 'not_ready', 'break'] as const;
export type LiveAgentState = (typeof LIVE_AGENT_STATES)[number];

/** Tiles that draw the floor detail (floor.ts): their scope's room is joined with `floor`. */
export const FLOOR_KINDS: readonly TileKind[] = ['agentGrid', 'abandonedCalls', 'leaderboard'];

/** Panels draw more than one number; they take no thresholds. */
export const PANEL_KINDS: readonly TileKind[] = [
  'kgis',
  'funnel',
  'lists',
  'dialOutcomes',
  'orderBook',
  ...FLOOR_KINDS,
];

/** Every scope a wallboard shows, once each: the live rooms it joins. */
export function wallboardScopes(wallboard: {
  pages: readonly { tiles: readonly { scope?: string | undefined }[] }[];
}): string[] {
  const scopes = wallboard.pages.flatMap((p) => p.tiles.map((t) => t.scope ?? 'tenant'));
  return [...new Set(scopes)];
}

/**
 * The scopes whose floor detail a wallboard shows (a floor tile of that scope), once each:
 * the rooms it joins with `floor`, and all a display token of it may see of agents and callers.
 */
export function wallboardFloorScopes(wallboard: {
  pages: readonly { tiles: readonly { kind: string; scope?: string | undefined }[] }[];
}): string[] {
  const scopes = wallboard.pages.flatMap((p) =>
    p.tiles
      .filter((t) => (FLOOR_KINDS as readonly string[]).includes(t.kind))
      .map((t) => t.scope ?? 'tenant'),
  );
  return [...new Set(scopes)];
}

/**
 * Whether a wallboard draws one funnel per campaign: a `funnel` tile of the tenant scope does
 * (docs/wallboard.md, One funnel per campaign), so a display token of it may also join the
 * campaign rooms — each funnel is its campaign's own numbers, never inbound orders under it.
 */
export function wallboardCampaignFunnels(wallboard: {
  pages: readonly { tiles: readonly { kind: string; scope?: string | undefined }[] }[];
}): boolean {
  return wallboard.pages.some((p) =>
    p.tiles.some((t) => t.kind === 'funnel' && (t.scope ?? 'tenant') === 'tenant'),
  );
}
