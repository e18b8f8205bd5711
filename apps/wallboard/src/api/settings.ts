import { callApi } from './http';
import { putJsonText, type PutJsonResult } from './put-json';
import type { Translate } from './error-text';

/**
 * A settings document an admin edits as JSON: a tenant's settings, its alert rules, or an
 * adapter's settings. Each is read with GET and saved with PUT at the same address.
 */
export type SettingsDocument =
  | { readonly kind: 'tenants' | 'alerts'; readonly tenant: string }
  | { readonly kind: 'adapters'; readonly adapter: string };

/** What the settings routes answer: the document, and where it comes from. */
export interface SettingsAnswer {
  readonly settings: unknown;
  readonly source: string;
}

export function settingsPath(document: SettingsDocument): string {
  const id = document.kind === 'adapters' ? document.adapter : document.tenant;
  return `/api/v1/${document.kind}/${encodeURIComponent(id)}`;
}

export function loadSettings(document: SettingsDocument): Promise<SettingsAnswer> {
  return callApi<SettingsAnswer>(settingsPath(document));
}

export function saveSettings(
  document: SettingsDocument,
  text: string,
  t: Translate,
): Promise<PutJsonResult<SettingsAnswer>> {
  return putJsonText<SettingsAnswer>(settingsPath(document), text, t);
}
