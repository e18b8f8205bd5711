import type { BaseOptions } from '../common/types';

export const ADAPTER = 'amazon-connect' as const;

/** The header Firehose sends the endpoint's access key in. */
export const FIREHOSE_ACCESS_KEY_HEADER = 'x-amz-firehose-access-key';

/** Settings of the Amazon Connect mapping. */
export interface AmazonConnectOptions extends BaseOptions {
  /** Connect user name (or agent ARN) → canonical agent id; else the user name as is. */
  readonly agentIds?: Readonly<Record<string, string>>;
  /** Custom agent statuses counted as `break` (case-insensitive); any other is `not_ready`. */
  readonly breakStatuses?: readonly string[];
  /** `call.wrapped.disposition` when the contact's attributes carry none; `completed`. */
  readonly disposition?: string;
  /** Contact attribute holding the disposition; `disposition`. */
  readonly dispositionAttribute?: string;
  /** Campaign of outbound contacts when the contact's attributes carry none; `outbound`. */
  readonly campaign?: string;
  /** Contact attribute holding the campaign; `campaign`. */
  readonly campaignAttribute?: string;
}

export const DEFAULT_BREAK_STATUSES = ['break', 'lunch', 'rest'];
export const DEFAULT_CAMPAIGN = 'outbound';

export function agentIdOf(
  options: AmazonConnectOptions,
  username: string | undefined,
  arn: string | undefined,
): string | undefined {
  const mapped =
    (username !== undefined ? options.agentIds?.[username] : undefined) ??
    (arn !== undefined ? options.agentIds?.[arn] : undefined);
  if (mapped !== undefined) return mapped;
  if (username) return username;
  // arn:aws:connect:REGION:ACCOUNT:instance/INSTANCE/agent/AGENT-ID → AGENT-ID
  return arn ? arn.split('/').pop() || arn : undefined;
}

/** Reads JSON-ish values defensively: every accessor answers undefined for a wrong type. */
export type Json = Readonly<Record<string, unknown>>;

export function objectAt(o: Json | undefined, key: string): Json | undefined {
  const v = o?.[key];
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}

export function stringAt(o: Json | undefined, key: string): string | undefined {
  const v = o?.[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A timestamp field (`2019-08-20T19:38:40Z`, `2019-05-25T18:43:59.049Z`) → epoch ms.
 * Answers `undefined` when absent (or null) and `NaN` when present but not such a timestamp.
 */
export function timeAt(o: Json | undefined, key: string): number | undefined {
  const v = o?.[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || !ISO.test(v)) return NaN;
  const at = Date.parse(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isFinite(at) ? at : NaN;
}

/**
 * A duration in seconds (whole, as contact records write them; a fraction is rounded) →
 * milliseconds. `undefined` when absent or null, `NaN` when not a number ≥ 0.
 */
export function secondsAt(o: Json | undefined, key: string): number | undefined {
  const v = o?.[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return NaN;
  return Math.round(v * 1000);
}
