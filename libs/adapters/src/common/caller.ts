import { CALLER_ATTR } from '@mieruka/contracts';

/** What PBXs and carriers write when the number is withheld or unknown: no number at all. */
const UNKNOWN = /^(<unknown>|unknown|anonymous|restricted|private|unavailable|none|null)$/i;
/** No phone number is longer; anything longer is not one and is not kept. */
const MAX_LENGTH = 64;

/**
 * `{ caller }` for a `call.abandoned`'s attrs: the caller's number as the source gave it, so
 * supervisors can call back (the wallboard shows it masked; docs/wallboard.md). Nothing when
 * the source has no number for the caller.
 */
export function callerAttrs(raw: string | undefined): Record<string, string> {
  const value = raw?.trim();
  if (!value || value.length > MAX_LENGTH || UNKNOWN.test(value)) return {};
  return { [CALLER_ATTR]: value };
}
