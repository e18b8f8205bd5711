import { readFileSync } from 'node:fs';
import {
  SettingsError,
  defaultTenantSettings,
  parseSettingsFile,
  type TenantSettings,
} from '@mieruka/contracts';

/**
 * The configured tenants (MIERUKA_CONFIG) and the defaults for any other tenant id, so an
 * event of a centre nobody configured yet is still kept rather than lost. Settings an admin
 * saved through the API (tenants/) override the file's for that tenant: the file stays the
 * starting point, the saved version wins once there is one.
 */
export class TenantDirectory {
  private readonly byId: Map<string, TenantSettings>;
  private readonly configured: readonly string[];
  /** Saved through the admin API (the tenant_settings table); wins over the file. */
  private readonly overrides = new Map<string, TenantSettings>();

  constructor(tenants: readonly TenantSettings[]) {
    this.configured = tenants.map((t) => t.tenant.id);
    this.byId = new Map(tenants.map((t) => [t.tenant.id, t]));
    if (!this.byId.has('default')) this.byId.set('default', defaultTenantSettings('default'));
  }

  /** Reads a settings file; `label` names where the path came from in error messages. */
  static fromFile(path: string | undefined, label = 'MIERUKA_CONFIG'): TenantDirectory {
    if (!path) return new TenantDirectory([]);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new SettingsError(`${label} ${path}: ${(error as Error).message}`);
    }
    try {
      return new TenantDirectory(parseSettingsFile(json));
    } catch (error) {
      throw new SettingsError(`${label} ${path}: ${(error as Error).message}`);
    }
  }

  /** The tenant ids the settings file names (without the implicit `default`). */
  configuredIds(): readonly string[] {
    return this.configured;
  }

  get(id: string): TenantSettings {
    return this.overrides.get(id) ?? this.byId.get(id) ?? defaultTenantSettings(id);
  }

  /** Where a tenant's settings come from: saved by an admin, the file, or the defaults. */
  sourceOf(id: string): 'stored' | 'file' | 'default' {
    if (this.overrides.has(id)) return 'stored';
    return this.configured.includes(id) ? 'file' : 'default';
  }

  /**
   * Settings for a tenant the file does not name (the simulator's demo for `default`): they
   * replace only the built-in defaults, never the file's, and an admin's saved ones still win.
   */
  fallback(settings: TenantSettings): void {
    if (!this.configured.includes(settings.tenant.id)) this.byId.set(settings.tenant.id, settings);
  }

  /** Settings an admin saved (validated by the caller): from now on they are the tenant's. */
  override(settings: TenantSettings): void {
    this.overrides.set(settings.tenant.id, settings);
  }

  currencyOf = (id: string): string => this.get(id).tenant.currency;

  ids(): string[] {
    return [...new Set([...this.byId.keys(), ...this.overrides.keys()])];
  }
}
