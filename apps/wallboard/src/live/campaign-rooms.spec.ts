import { describe, expect, it } from '@jest/globals';
import type { ListProgress, Tile, Wallboard } from '@mieruka/contracts';
import { ROOMS_PER_SOCKET, campaignRoomScopes } from './campaign-rooms';

const list = (listId: string, campaign: string): ListProgress => ({
  listId,
  campaign,
  registered: 10,
  worked: 0,
  attempts: 0,
  contacted: 0,
  progress: 0,
  contactRate: null,
  remaining: 10,
});
const tile = (kind: Tile['kind'], scope = 'tenant'): Tile => ({
  kind,
  scope,
  window: 'today',
  sound: false,
  span: 1,
});
const board = (...tiles: Tile[]): Wallboard =>
  ({ id: 'w', pages: [{ columns: 2, tiles }] }) as unknown as Wallboard;
const lists = [list('a1', 'spring'), list('b1', 'autumn'), list('a2', 'spring')];

describe('the campaign rooms of a tenant funnel', () => {
  it('joins one room per campaign with a list, by name', () => {
    expect(campaignRoomScopes(board(tile('funnel')), lists, 1)).toEqual([
      'campaign:autumn',
      'campaign:spring',
    ]);
  });

  it('joins only the rooms the socket has left', () => {
    expect(campaignRoomScopes(board(tile('funnel')), lists, ROOMS_PER_SOCKET - 1)).toEqual([
      'campaign:autumn',
    ]);
    expect(campaignRoomScopes(board(tile('funnel')), lists, ROOMS_PER_SOCKET)).toEqual([]);
  });

  it('cannot tell without a layout, a tenant funnel or the tenant lists', () => {
    expect(campaignRoomScopes(undefined, lists, 1)).toBeUndefined();
    expect(campaignRoomScopes(board(tile('funnel', 'campaign:spring')), lists, 1)).toBeUndefined();
    expect(campaignRoomScopes(board(tile('funnel')), undefined, 1)).toBeUndefined();
  });
});
