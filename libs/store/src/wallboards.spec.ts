import { defaultWallboard, type Wallboard } from '@mieruka/contracts';
import { openTestStore } from './testing';
import { WallboardStore } from './wallboards';

const at = Date.parse('2026-11-24T01:10:00Z');

const board = (id: string, tenant: string, name: string): Wallboard => ({
  ...defaultWallboard(id, tenant),
  name,
});

describe('WallboardStore on chDB', () => {
  let store: Awaited<ReturnType<typeof openTestStore>>;
  let wallboards: WallboardStore;

  beforeAll(async () => {
    store = await openTestStore();
    wallboards = new WallboardStore(store);
  });
  afterAll(() => store.drop());

  it('reads back the newest version of each definition, per tenant', async () => {
    await wallboards.save(board('floor-3', 'default', 'Floor 3'), 'admin', at);
    await wallboards.save(board('floor-3', 'default', 'Floor 3 (new)'), 'alice', at + 1000);
    await wallboards.save(board('floor-3', 'osaka', 'Osaka floor 3'), 'admin', at);
    await wallboards.save(board('a-team', 'default', 'Team A'), 'admin', at);

    const found = await wallboards.find('default', 'floor-3');
    expect(found).toEqual({
      wallboard: board('floor-3', 'default', 'Floor 3 (new)'),
      updatedAt: '2026-11-24T01:10:01.000Z',
      updatedBy: 'alice',
    });
    expect((await wallboards.list('default')).map((s) => s.wallboard.name)).toEqual([
      'Team A',
      'Floor 3 (new)',
    ]);
    expect((await wallboards.find('osaka', 'floor-3'))?.wallboard.name).toBe('Osaka floor 3');
    expect(await wallboards.find('default', 'nope')).toBeUndefined();
  });

  it('deletes a definition for good, and says when there was nothing to delete', async () => {
    await wallboards.save(board('gone', 'default', 'Gone'), 'admin', at);
    expect(await wallboards.delete('default', 'gone', 'admin', at + 1)).toBe(true);
    expect(await wallboards.find('default', 'gone')).toBeUndefined();
    expect((await wallboards.list('default')).map((s) => s.wallboard.id)).not.toContain('gone');
    expect(await wallboards.delete('default', 'gone', 'admin', at + 2)).toBe(false);
    // Saved again after the deletion: back.
    await wallboards.save(board('gone', 'default', 'Back'), 'admin', at + 3);
    expect((await wallboards.find('default', 'gone'))?.wallboard.name).toBe('Back');
  });
});
