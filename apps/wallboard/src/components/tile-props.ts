import type { Tile } from '@mieruka/contracts';
import type { RoomView } from '../composables/useLiveRooms';

/** The props the grid gives every tile (tile-components.ts): its definition, room and texts. */
export interface TileProps {
  tile: Tile;
  room: RoomView | undefined;
  label: string;
  /** Scope and window in small print (tileDetail). */
  detail: string;
  stale: boolean;
  locale: string;
}

/** What a tile hands its TileFrame unchanged (it may still override the small print). */
export const frameOf = (props: Omit<TileProps, 'detail' | 'locale'> & { detail?: string }) => ({
  tile: props.tile,
  label: props.label,
  detail: props.detail,
  stale: props.stale,
  clickable: true,
});
