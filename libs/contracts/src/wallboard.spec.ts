import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TILE_KINDS, withCurrentTileKinds } from './kpi-catalogue';
import {
  MAX_WALLBOARD_SCOPES,
  defaultWallboard,
  wallboardFloorScopes,
  wallboardSchema,
  wallboardScopes,
  wallboardShowsNames,
} from './wallboard';

describe('wallboardSchema', () => {
  it('accepts the default layout and the example of docs/wallboard.md', () => {
    const fallback = defaultWallboard('lobby', 'default');
    expect(wallboardSchema.parse(fallback)).toEqual(fallback);
    const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'wallboard.md'), 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(doc)?.[1];
    const parsed = wallboardSchema.parse(JSON.parse(example!));
    expect(parsed.pages[1]?.columns).toBe(4);
    expect(wallboardScopes(parsed)).toEqual([
      'queue:support',
      'tenant',
      'team:blue',
      'campaign:teleapo-smb',
    ]);
  });

  it('reads a tile’s former name as its KPI key, and writes the key', () => {
    const former = { asa: 'asaMs', aht: 'ahtMs', dials: 'dialed', conversion: 'conversionRate' };
    const parsed = wallboardSchema.parse({
      id: 'old',
      name: 'Saved before the rename',
      pages: [{ tiles: Object.keys(former).map((kind) => ({ kind })) }],
    });
    expect(parsed.pages[0]?.tiles.map((t) => t.kind)).toEqual(Object.values(former));
    // Written back as parsed, it reads the same: the new names are kinds of their own.
    expect(wallboardSchema.parse(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
    // A layout stored before the rename, read from the store without the schema.
    const stored = {
      id: 'old',
      pages: [{ tiles: [{ kind: 'dials', span: 2 }, { kind: 'orders' }] }],
    };
    expect(withCurrentTileKinds(stored)).toEqual({
      id: 'old',
      pages: [{ tiles: [{ kind: 'dialed', span: 2 }, { kind: 'orders' }] }],
    });
    // The former names are not offered as kinds, and a wrong name still names the choices.
    expect(TILE_KINDS).not.toContain('asa');
    const wrong = wallboardSchema.safeParse({
      id: 'x',
      name: 'X',
      pages: [{ tiles: [{ kind: 'asms' }] }],
    });
    expect(wrong.error?.issues.map((i) => i.message)).toEqual([
      `must be one of ${TILE_KINDS.join(', ')}`,
    ]);
  });

  it('shows the default layout under the current names only', () => {
    const kinds = defaultWallboard('lobby', 'default').pages.flatMap((p) =>
      p.tiles.map((t) => t.kind),
    );
    expect(kinds.filter((kind) => !(TILE_KINDS as readonly string[]).includes(kind))).toEqual([]);
    expect(kinds).toEqual(expect.arrayContaining(['asaMs', 'ahtMs', 'dialed', 'conversionRate']));
  });

  it('names every problem by its path', () => {
    const result = wallboardSchema.safeParse({
      id: 'Floor 3',
      name: '',
      language: 'fr',
      pages: [
        {
          tiles: [
            { kind: 'kgis', thresholds: { ok: 1, warn: 0 } },
            { kind: 'asa', scope: 'floor:3', extra: 1 },
          ],
        },
      ],
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'id',
        'name',
        'language',
        'pages.0.tiles.0.thresholds',
        'pages.0.tiles.1.scope',
        'pages.0.tiles.1',
      ]),
    );
  });

  it('caps the scopes of one wallboard at the socket’s room limit', () => {
    const tiles = Array.from({ length: MAX_WALLBOARD_SCOPES + 1 }, (_, i) => ({
      kind: 'orders',
      scope: `agent:a${i}`,
    }));
    const result = wallboardSchema.safeParse({
      id: 'big',
      name: 'Big',
      pages: [{ tiles: tiles.slice(0, 24) }, { tiles: tiles.slice(24) }],
    });
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      'at most 32 different scopes on one wallboard',
    ]);
  });

  it('names the scopes whose floor a wallboard shows, and gives floor panels no thresholds', () => {
    const parsed = wallboardSchema.parse({
      id: 'floor-2',
      name: 'Floor 2',
      pages: [
        { tiles: [{ kind: 'agentGrid', scope: 'team:blue' }, { kind: 'asa' }] },
        { tiles: [{ kind: 'abandonedCalls' }, { kind: 'agentGrid', scope: 'team:blue' }] },
      ],
    });
    expect(wallboardScopes(parsed)).toEqual(['team:blue', 'tenant']);
    expect(wallboardFloorScopes(parsed)).toEqual(['team:blue', 'tenant']);
    expect(wallboardFloorScopes({ pages: [{ tiles: [{ kind: 'asa' }] }] })).toEqual([]);
    expect(wallboardFloorScopes(defaultWallboard('lobby', 'default'))).toEqual(['tenant']);
    const refused = wallboardSchema.safeParse({
      id: 'x',
      name: 'X',
      pages: [{ tiles: [{ kind: 'abandonedCalls', thresholds: { ok: 1, warn: 2 } }] }],
    });
    expect(refused.error?.issues.map((i) => i.path.join('.'))).toEqual([
      'pages.0.tiles.0.thresholds',
    ]);
  });

  it('takes leaderboard options on a leaderboard only, and knows which screens show names', () => {
    const board = (tiles: unknown[]) =>
      wallboardSchema.parse({ id: 'x', name: 'X', pages: [{ tiles }] });
    const named = board([{ kind: 'leaderboard', scope: 'campaign:k1', leaderboard: {} }]);
    expect(named.pages[0]?.tiles[0]?.leaderboard).toEqual({
      by: 'appointments',
      top: 10,
      hideNames: false,
    });
    expect(wallboardFloorScopes(named)).toEqual(['campaign:k1']);
    expect(wallboardShowsNames(named)).toBe(true);
    expect(wallboardShowsNames(board([{ kind: 'leaderboard' }]))).toBe(true);
    const hidden = board([
      { kind: 'leaderboard', leaderboard: { by: 'revenue', hideNames: true } },
    ]);
    expect(wallboardShowsNames(hidden)).toBe(false);
    expect(wallboardShowsNames(board([{ kind: 'agentGrid' }]))).toBe(false);
    const refused = wallboardSchema.safeParse({
      id: 'x',
      name: 'X',
      pages: [
        {
          tiles: [
            { kind: 'orders', leaderboard: { by: 'orders' } },
            { kind: 'leaderboard', leaderboard: { by: 'calls' } },
          ],
        },
      ],
    });
    expect(refused.error?.issues.map((i) => i.path.join('.'))).toEqual([
      'pages.0.tiles.0.leaderboard',
      'pages.0.tiles.1.leaderboard.by',
    ]);
  });
});
