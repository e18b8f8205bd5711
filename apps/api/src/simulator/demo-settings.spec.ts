import { parseEnv, tenantSettingsSchema } from '@mieruka/contracts';
import { TenantDirectory } from '../config/tenant-directory';
import { withSimulatorDemo } from './demo-settings';

const env = (simulator: 'on' | 'off') => parseEnv({ MIERUKA_SIMULATOR: simulator });

describe('the demo settings', () => {
  it('are tenant default’s with the simulator on and no settings for it', () => {
    const tenants = withSimulatorDemo(new TenantDirectory([]), env('on'));
    expect(tenants.get('default').kgis.map((k) => k.id)).toContain('revenue-month');
    expect(tenants.get('default').workingCalendar.days).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('never replace the operator’s: a settings file naming default, or saved settings', () => {
    const file = tenantSettingsSchema.parse({ tenant: { id: 'default' }, kgis: [] });
    expect(withSimulatorDemo(new TenantDirectory([file]), env('on')).get('default').kgis).toEqual(
      [],
    );
    const tenants = withSimulatorDemo(new TenantDirectory([]), env('on'));
    tenants.override(tenantSettingsSchema.parse({ tenant: { id: 'default' } }));
    expect(tenants.get('default').kgis).toEqual([]);
  });

  it('are not applied without the simulator', () => {
    expect(withSimulatorDemo(new TenantDirectory([]), env('off')).get('default').kgis).toEqual([]);
  });
});
