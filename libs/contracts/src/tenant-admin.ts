import type { TenantSettings } from './tenant-settings';

/**
 * A tenant's settings as the admin API answers them (`GET/PUT /api/v1/tenants/:id`): the
 * effective settings — an admin's saved version when there is one, else the settings file's
 * (MIERUKA_CONFIG), else the defaults — and where they came from.
 */
export interface TenantSettingsAnswer {
  readonly settings: TenantSettings;
  /** `stored`: saved through the API; `file`: from MIERUKA_CONFIG; `default`: neither. */
  readonly source: 'stored' | 'file' | 'default';
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
}
