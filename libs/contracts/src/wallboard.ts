import { z } from 'zod';
import { wallboardIdSchema } from './auth';
import { tenantIdSchema } from './event';
import { WINDOWS, scopeSchema } from './kpi-snapshot';
import type { SERVICE_LEVEL_VARIANTS } from './tenant-settings';
import { LEADER_METRICS } from './floor';
import {
  FORMER_TILE_KINDS,
  LANGUAGES,
  TILE_KINDS,
  currentTileKind,
  type TileKind,
} from './kpi-catalogue';
import { PANEL_KINDS, wallboardScopes } from './values';

/**
 * A wallboard definition (docs/wallboard.md): what one screen shows, as data. Pages of tiles,
 * each tile a KPI of one scope (a queue, a campaign, a team…) over one window, with optional
 * thresholds and a sound on breach; pages rotate every `rotateSeconds`. Stored by the API
 * (`PUT /api/v1/wallboards/:id`), shown at `/w/:id`.
 */

// The tile kinds (kpi-catalogue.ts) and the scope functions (values.ts) need no zod: the
// wallboard bundles both; the schemas below use them from there, and this module passes on
// the scope functions (the index exports the catalogue).
export {
  FLOOR_KINDS,
  PANEL_KINDS,
  wallboardCampaignFunnels,
  wallboardFloorScopes,
  wallboardScopes,
} from './values';

/** The languages a wallboard can be shown in: every language of the KPI catalogue. */
export const WALLBOARD_LANGUAGES = LANGUAGES;
export type WallboardLanguage = (typeof WALLBOARD_LANGUAGES)[number];

/** The most scopes one wallboard may show: the socket's room cap (LiveGateway). */
export const MAX_WALLBOARD_SCOPES = 32;

const localizedText = z
  .object({ en: z.string().min(1).max(80).optional(), ja: z.string().min(1).max(80).optional() })
  .strict();

/**
 * Status of the tile's main value: `ok` (green) at or past `ok`, `warn` (amber) at or past
 * `warn`, else `alert` (red). The order of the two says which way is better: `ok ≥ warn` means
 * higher is better (service level), `ok < warn` lower is better (ASA, abandon rate). Ratios are
 * fractions (0.8 = 80 %), times milliseconds, money the tenant's currency.
 */
export const thresholdsSchema = z.object({ ok: z.number(), warn: z.number() }).strict();
export type Thresholds = z.output<typeof thresholdsSchema>;

/** A leaderboard tile's options (docs/wallboard.md, Leaderboard). */
export const leaderboardOptionsSchema = z
  .object({
    /** What it ranks the scope's agents by, today. */
    by: z
      .enum(LEADER_METRICS, { error: `must be one of ${LEADER_METRICS.join(', ')}` })
      .default('appointments'),
    /** Rows shown, best first. */
    top: z.number().int().min(1).max(20).default(10),
    /** Rank and "Agent 3" instead of names, for floors that do not rank by name publicly. */
    hideNames: z.boolean().default(false),
  })
  .strict();
export type LeaderboardOptions = z.output<typeof leaderboardOptionsSchema>;

/**
 * A tile's kind; a former name (`asa`, `dials`…, values.ts) is read as its KPI key, so layouts
 * written before the rename still load and are written back under the new names.
 */
const tileKindSchema = z
  .enum(
    [...TILE_KINDS, ...(Object.keys(FORMER_TILE_KINDS) as (keyof typeof FORMER_TILE_KINDS)[])],
    {
      error: `must be one of ${TILE_KINDS.join(', ')}`,
    },
  )
  .transform((kind): TileKind => currentTileKind(kind));

export const tileSchema = z
  .object({
    kind: tileKindSchema,
    scope: scopeSchema.default('tenant'),
    window: z.enum(WINDOWS, { error: `must be one of ${WINDOWS.join(', ')}` }).default('today'),
    /** Replaces the tile's usual label (e.g. "Support SL"). */
    label: localizedText.optional(),
    thresholds: thresholdsSchema.optional(),
    /** Beep when the tile enters `alert` (needs the screen's sound on; see docs/wallboard.md). */
    sound: z.boolean().default(false),
    /** Grid columns the tile spans. */
    span: z.number().int().min(1).max(4).default(1),
    /** `leaderboard` only; without it, the top 10 by appointments, with names. */
    leaderboard: leaderboardOptionsSchema.optional(),
  })
  .strict()
  .refine((t) => !(t.leaderboard && t.kind !== 'leaderboard'), {
    message: 'only a leaderboard takes leaderboard options',
    path: ['leaderboard'],
  })
  .refine((t) => !(t.thresholds && PANEL_KINDS.includes(t.kind)), {
    message: `a panel (${PANEL_KINDS.join(', ')}) takes no thresholds`,
    path: ['thresholds'],
  });
export type Tile = z.output<typeof tileSchema>;
export type TileInput = z.input<typeof tileSchema>;

export const wallboardPageSchema = z
  .object({
    title: localizedText.optional(),
    columns: z.number().int().min(1).max(8).default(4),
    tiles: z.array(tileSchema).min(1, 'a page needs a tile').max(24, 'at most 24 tiles a page'),
  })
  .strict();
export type WallboardPage = z.output<typeof wallboardPageSchema>;

export const wallboardSchema = z
  .object({
    id: wallboardIdSchema,
    tenant: tenantIdSchema.default('default'),
    name: z.string().min(1, 'must not be empty').max(120),
    language: z.enum(WALLBOARD_LANGUAGES, { error: 'must be ja or en' }).default('ja'),
    /** Seconds each page stays before the next (when there are several). */
    rotateSeconds: z.number().int().min(5).max(3600).default(30),
    pages: z.array(wallboardPageSchema).min(1, 'a wallboard needs a page').max(12),
  })
  .strict()
  .refine((w) => wallboardScopes(w).length <= MAX_WALLBOARD_SCOPES, {
    message: `at most ${MAX_WALLBOARD_SCOPES} different scopes on one wallboard`,
    path: ['pages'],
  });
export type Wallboard = z.output<typeof wallboardSchema>;
export type WallboardInput = z.input<typeof wallboardSchema>;

/** What the wallboard needs of the tenant's settings to draw the numbers right. */
export interface WallboardTenantView {
  readonly id: string;
  readonly timezone: string;
  readonly currency: string;
  readonly serviceLevel: {
    readonly variant: (typeof SERVICE_LEVEL_VARIANTS)[number];
    readonly thresholdMs: number;
    readonly shortAbandonMs: number;
  };
  /** When an open order counts as stuck: the order-book panel colours ages against these. */
  readonly orders: { readonly shipWithinMs: number; readonly payWithinMs: number };
  /**
   * Agents' display names (tenant settings `agents`), by agent id: only for a wallboard with a
   * leaderboard that shows names, so no other screen receives them.
   */
  readonly agentNames?: Readonly<Record<string, string>>;
}

/** Whether a wallboard shows agents by name (a leaderboard without `hideNames`). */
export function wallboardShowsNames(wallboard: Wallboard): boolean {
  return wallboard.pages.some((p) =>
    p.tiles.some((t) => t.kind === 'leaderboard' && !(t.leaderboard?.hideNames ?? false)),
  );
}

/** `GET /api/v1/wallboards/:id`: the definition (the default layout when none is stored). */
export interface WallboardAnswer {
  readonly wallboard: Wallboard;
  /** False when this is the default layout, shown because no definition is stored yet. */
  readonly stored: boolean;
  readonly tenant: WallboardTenantView;
}

const tile = (kind: TileKind, extra: Partial<Tile> = {}): Tile => ({
  kind,
  scope: 'tenant',
  window: 'today',
  sound: false,
  span: 1,
  ...extra,
});

/**
 * What a screen shows before anyone defined its layout: the inbound numbers first, then
 * outbound and sales, then the floor (agents one by one, recent abandoned calls), with the
 * thresholds most centres start from (80/20 service level).
 */
export function defaultWallboard(id: string, tenant: string): Wallboard {
  return {
    id,
    tenant,
    name: 'Mieruka',
    language: 'ja',
    rotateSeconds: 30,
    pages: [
      {
        title: { en: 'Inbound', ja: '受電' },
        columns: 4,
        tiles: [
          tile('serviceLevel', { thresholds: { ok: 0.8, warn: 0.6 } }),
          tile('waiting', { thresholds: { ok: 30_000, warn: 60_000 } }),
          tile('asaMs', { thresholds: { ok: 20_000, warn: 40_000 } }),
          tile('abandonRate', { thresholds: { ok: 0.05, warn: 0.1 } }),
          tile('answered'),
          tile('ahtMs'),
          tile('fcr', { thresholds: { ok: 0.75, warn: 0.6 } }),
          tile('occupancy'),
          tile('agents', { span: 2 }),
          tile('kgis', { span: 2 }),
        ],
      },
      {
        title: { en: 'Outbound and sales', ja: '発信・売上' },
        columns: 4,
        tiles: [
          tile('dialed'),
          tile('connectRate'),
          tile('conversionRate'),
          tile('appointments'),
          tile('orders'),
          tile('revenue'),
          tile('aov'),
          tile('waiting', { thresholds: { ok: 30_000, warn: 60_000 } }),
          tile('funnel', { span: 2 }),
          tile('kgis', { span: 2 }),
          // The list (作業数 / 登録数) and how today's dials ended: the outbound floor's steering.
          tile('lists', { span: 2 }),
          tile('dialOutcomes', { span: 2 }),
        ],
      },
      {
        // The order desk: what was paid and has not shipped, and every stuck order by name.
        title: { en: 'Order desk', ja: '受注の行方' },
        columns: 3,
        tiles: [tile('orderBook', { span: 2 }), tile('orders')],
      },
      {
        // The floor: who is doing what, whom to call back, who leads. Tall tiles, full height.
        title: { en: 'Floor', ja: 'フロア' },
        columns: 4,
        tiles: [
          tile('agentGrid', { span: 2 }),
          tile('abandonedCalls'),
          // Who made today's appointments (names from the tenant's `agents`, else agent ids).
          tile('leaderboard', { leaderboard: { by: 'appointments', top: 10, hideNames: false } }),
        ],
      },
    ],
  };
}
