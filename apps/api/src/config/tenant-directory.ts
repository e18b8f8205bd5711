import { readFileSync } from 'node:fs';
import {
  SettingsError,
  defaultTenantSettings,
  parseSettingsFile,
  type TenantSettings,
} from '@mieruka/contracts';

/**
 * The configured tenants (MIERUKA_CONFIG) and the defaults for any other tenant id, so an
 * event of a centre nobody configured yet is still kept rather than lost.
 */
export class TenantDirectory {
  private readonly byId: Map<string, TenantSettings>;

  constructor(tenants: readonly TenantSettings[]) {
    this.byId = new Map(tenants.map((t) => [t.tenant.id, t]));
    if (!this.byId.has('default')) this.byId.set('default', defaultTenantSettings('default'));
  }

  static fromFile(path: string | undefined): TenantDirectory {
    if (!path) return new TenantDirectory([]);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new SettingsError(`MIERUKA_CONFIG ${path}: ${(error as Error).message}`);
    }
    try {
      return new TenantDirectory(parseSettingsFile(json));
    } catch (error) {
      throw new SettingsError(`MIERUKA_CONFIG ${path}: ${(error as Error).message}`);
    }
  }

  get(id: string): TenantSettings {
    return this.byId.get(id) ?? defaultTenantSettings(id);
  }

  currencyOf = (id: string): string => this.get(id).tenant.currency;

  ids(): string[] {
    return [...this.byId.keys()];
  }
}
