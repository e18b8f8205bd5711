import { tenantSettingsSchema, type Env } from '@mieruka/contracts';
import { DEMO_SETTINGS } from '@mieruka/simulator';
import type { TenantDirectory } from '../config/tenant-directory';

/**
 * With the simulator on, tenant `default` gets the demo's settings (KGIs that pace, a 24/7
 * calendar) unless the operator's settings file names it; settings an admin saves still win.
 */
export function withSimulatorDemo(tenants: TenantDirectory, env: Env): TenantDirectory {
  if (env.MIERUKA_SIMULATOR) tenants.fallback(tenantSettingsSchema.parse(DEMO_SETTINGS));
  return tenants;
}
