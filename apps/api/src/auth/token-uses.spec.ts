import { CredentialStore } from '@mieruka/store';
import { openTestStore } from '@mieruka/store/testing';
import { TokenUses, USE_RESOLUTION_MS } from './token-uses';

describe('TokenUses (on chDB)', () => {
  let store: Awaited<ReturnType<typeof openTestStore>>;
  let credentials: CredentialStore;
  const clock = { now: Date.parse('2026-11-24T01:00:00Z') };

  beforeAll(async () => {
    store = await openTestStore();
    credentials = new CredentialStore(store);
  });
  afterAll(async () => {
    await store.drop();
  });

  it('notes uses in memory, writes them once a minute at most, and reads every instance', async () => {
    const here = new TokenUses(credentials, () => clock.now);
    const there = new TokenUses(credentials, () => clock.now);
    const first = clock.now;
    here.touch('tv-1');
    clock.now += USE_RESOLUTION_MS - 1;
    here.touch('tv-1'); // within the minute: not a new use
    there.touch('key-1');
    expect(await credentials.lastUses()).toEqual(new Map());
    expect(await here.all()).toEqual(new Map([['tv-1', first]]));

    await here.flush();
    await there.flush();
    expect(await credentials.lastUses()).toEqual(
      new Map([
        ['tv-1', first],
        ['key-1', clock.now],
      ]),
    );

    clock.now += 1;
    here.touch('tv-1'); // a minute after the last noted use: noted again
    expect((await here.all()).get('tv-1')).toBe(clock.now);
    await here.flush();
    expect((await there.all()).get('tv-1')).toBe(clock.now);
  });

  it('keeps uses it could not write for the next flush', async () => {
    const failing = {
      recordUses: () => Promise.reject(new Error('ClickHouse away')),
      lastUses: () => Promise.resolve(new Map<string, number>()),
    } as unknown as CredentialStore;
    const uses = new TokenUses(failing, () => clock.now);
    uses.touch('key-2');
    await expect(uses.flush()).rejects.toThrow('ClickHouse away');
    const retry = jest.spyOn(failing, 'recordUses').mockResolvedValue(undefined);
    await uses.flush();
    expect(retry).toHaveBeenCalledWith(new Map([['key-2', clock.now]]));
  });
});
