import type { AuditEntry } from '@mieruka/contracts';
import { AuditStore } from './audit';
import { openTestStore } from './testing';

const at = Date.parse('2026-11-24T01:10:00Z');

const entry = (id: string, tenant: string, offsetMs: number, extra: Partial<AuditEntry> = {}) =>
  ({
    id,
    at: new Date(at + offsetMs).toISOString(),
    tenant,
    actor: 'admin',
    actorRole: 'admin',
    actorTenant: '*',
    action: 'wallboard.save',
    target: 'floor-3',
    summary: { name: 'Floor 3', pages: 2, tiles: 9 },
    requestId: `req-${id}`,
    ...extra,
  }) satisfies AuditEntry;

describe('AuditStore on chDB', () => {
  let store: Awaited<ReturnType<typeof openTestStore>>;
  let audit: AuditStore;

  beforeAll(async () => {
    store = await openTestStore();
    audit = new AuditStore(store);
    await audit.append(entry('a', 'default', 0));
    await audit.append(
      entry('b', 'default', 1_000, {
        actor: 'sato',
        actorTenant: 'default',
        action: 'user.update',
        target: 'kato',
        summary: { password: 'changed', disabled: true, role: null },
      }),
    );
    await audit.append(entry('c', 'osaka', 2_000, { target: "o'brien; DROP TABLE x" }));
    await audit.append(entry('d', 'default', 3_000, { summary: {} }));
  });
  afterAll(() => store.drop());

  it('reads back what was written, newest first', async () => {
    const found = await audit.list({ tenant: 'default', limit: 10 });
    expect(found.map((e) => e.id)).toEqual(['d', 'b', 'a']);
    expect(found[1]).toEqual(
      entry('b', 'default', 1_000, {
        actor: 'sato',
        actorTenant: 'default',
        action: 'user.update',
        target: 'kato',
        summary: { password: 'changed', disabled: true, role: null },
      }),
    );
    expect(found[0]?.summary).toEqual({});
  });

  it("keeps to one tenant's entries, or all of them", async () => {
    const osaka = await audit.list({ tenant: 'osaka', limit: 10 });
    expect(osaka.map((e) => [e.id, e.target])).toEqual([['c', "o'brien; DROP TABLE x"]]);
    expect(await audit.list({ tenant: 'nagoya', limit: 10 })).toEqual([]);
    expect((await audit.list({ limit: 10 })).map((e) => e.id)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('reads a time range [from, to) and at most `limit` entries', async () => {
    const range = await audit.list({
      tenant: 'default',
      from: at + 1_000,
      to: at + 3_000,
      limit: 10,
    });
    expect(range.map((e) => e.id)).toEqual(['b']);
    expect((await audit.list({ from: at + 1, limit: 2 })).map((e) => e.id)).toEqual(['d', 'c']);
  });
});
