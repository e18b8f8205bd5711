import { defaultTenantSettings, type TenantSettings } from '@mieruka/contracts';
import { openTestStore } from './testing';
import { TenantSettingsStore } from './tenant-settings';

const at = Date.parse('2026-11-24T01:10:00Z');

function withThreshold(tenant: string, thresholdMs: number): TenantSettings {
  const settings = defaultTenantSettings(tenant);
  return { ...settings, serviceLevel: { ...settings.serviceLevel, thresholdMs } };
}

describe('TenantSettingsStore on chDB', () => {
  let store: Awaited<ReturnType<typeof openTestStore>>;
  let tenants: TenantSettingsStore;

  beforeAll(async () => {
    store = await openTestStore();
    tenants = new TenantSettingsStore(store);
  });
  afterAll(() => store.drop());

  it('reads back the newest version of each tenant’s settings', async () => {
    expect(await tenants.find('default')).toBeUndefined();
    const first = await tenants.save(withThreshold('default', 15_000), 'admin', at);
    const second = await tenants.save(withThreshold('default', 30_000), 'alice', at + 1000);
    await tenants.save(withThreshold('osaka', 10_000), 'admin', at);
    expect(second.version).toBeGreaterThan(first.version);

    expect(await tenants.find('default')).toEqual({
      settings: withThreshold('default', 30_000),
      updatedAt: '2026-11-24T01:10:01.000Z',
      updatedBy: 'alice',
      version: second.version,
    });
    const all = await tenants.list();
    expect(all.map((s) => [s.settings.tenant.id, s.settings.serviceLevel.thresholdMs])).toEqual([
      ['default', 30_000],
      ['osaka', 10_000],
    ]);
  });

  it('takes tenant ids as parameters, never as SQL', async () => {
    expect(await tenants.find("x' OR 1=1 --")).toBeUndefined();
  });
});
