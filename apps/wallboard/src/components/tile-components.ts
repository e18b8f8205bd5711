import type { Component } from 'vue';
import type { Tile, TileKind, WallboardTenantView } from '@mieruka/contracts';
import type { RoomView } from '../composables/useLiveRooms';
import type { Language } from '../i18n';
import { NUMBER_TILES, type NumberTileKind } from '../kpi/readings';
import type { TrendPoint } from '../live/trend';
import AbandonedCallsTile from './AbandonedCallsTile.vue';
import AgentGridTile from './AgentGridTile.vue';
import AgentsTile from './AgentsTile.vue';
import DialOutcomesTile from './DialOutcomesTile.vue';
import FunnelPanel from './FunnelPanel.vue';
import KgiPanel from './KgiPanel.vue';
import KpiTile from './KpiTile.vue';
import LeaderboardTile from './LeaderboardTile.vue';
import ListsTile from './ListsTile.vue';
import OrderBookTile from './OrderBookTile.vue';
import WaitingTile from './WaitingTile.vue';

/** What the screen knows that tiles show: the rooms, the tenant, the language, the time. */
export interface BoardState {
  readonly rooms: ReadonlyMap<string, RoomView>;
  readonly tenant: WallboardTenantView;
  readonly locale: string;
  readonly language: Language;
  readonly stale: boolean;
  /** This screen's monotonic clock, for what ticks between updates. */
  readonly now: number;
  label(tile: Tile): string;
  detail(tile: Tile): string;
  points(tile: Tile): readonly TrendPoint[];
}

/** A tile as the grid renders it: `<component :is="component" v-bind="props" @open>`. */
export interface TileView {
  readonly component: Component;
  readonly props: Readonly<Record<string, unknown>>;
}

/** The props a component declares, so each entry below is checked against its component. */
type PropsOf<C> = C extends new (...args: never[]) => { $props: infer P }
  ? Omit<P, 'onOpen'>
  : never;

/** One entry: a component and the props it takes from a tile and the board. */
const tileOf =
  <C>(component: C, props: (tile: Tile, board: BoardState) => PropsOf<C>) =>
  (tile: Tile, board: BoardState): TileView => ({
    component: component as Component,
    props: props(tile, board),
  });

/** The props every tile takes. */
const shared = (tile: Tile, board: BoardState) => ({
  tile,
  room: board.rooms.get(tile.scope),
  label: board.label(tile),
  stale: board.stale,
});
/** …and most take these too. */
const framed = (tile: Tile, board: BoardState) => ({
  ...shared(tile, board),
  locale: board.locale,
  detail: board.detail(tile),
});

const numberTile = tileOf(KpiTile, (tile, board) => ({
  ...framed(tile, board),
  tile: tile as Tile & { kind: NumberTileKind },
  tenant: board.tenant,
  points: board.points(tile),
}));

/** Every kind of tile, by kind: a kind added to the contracts fails to compile until it is here. */
export const TILE_COMPONENTS: Readonly<
  Record<TileKind, (tile: Tile, board: BoardState) => TileView>
> = {
  ...(Object.fromEntries(NUMBER_TILES.map((kind) => [kind, numberTile])) as Record<
    NumberTileKind,
    typeof numberTile
  >),
  waiting: tileOf(WaitingTile, (tile, board) => ({
    ...framed(tile, board),
    now: board.now,
    points: board.points(tile),
  })),
  agents: tileOf(AgentsTile, framed),
  kgis: tileOf(KgiPanel, (tile, board) => ({
    ...shared(tile, board),
    tenant: board.tenant,
    locale: board.locale,
    language: board.language,
  })),
  agentGrid: tileOf(AgentGridTile, (tile, board) => ({
    ...shared(tile, board),
    detail: board.detail(tile),
    now: board.now,
  })),
  leaderboard: tileOf(LeaderboardTile, (tile, board) => ({
    ...framed(tile, board),
    tenant: board.tenant,
  })),
  abandonedCalls: tileOf(AbandonedCallsTile, framed),
  funnel: tileOf(FunnelPanel, (tile, board) => ({ ...framed(tile, board), rooms: board.rooms })),
  lists: tileOf(ListsTile, (tile, board) => ({ ...shared(tile, board), locale: board.locale })),
  dialOutcomes: tileOf(DialOutcomesTile, framed),
  orderBook: tileOf(OrderBookTile, (tile, board) => ({
    ...framed(tile, board),
    tenant: board.tenant,
    now: board.now,
  })),
};

/** The component and props that draw a tile (none for a kind this build does not know). */
export function tileView(tile: Tile, board: BoardState): TileView | undefined {
  return TILE_COMPONENTS[tile.kind]?.(tile, board);
}
