import {
  tenantIdSchema,
  validateEvent,
  type BatchItem,
  type CallEvent,
  type IngestResult,
} from '@mieruka/contracts';
import type { NewDeadLetter } from './event-store';

/** What screening needs of a request: where it came from, and how its rejects are named. */
export interface ScreenRequest {
  /** The transport or adapter it came through: `http`, `simulator`, `kafka`, `cli`, … */
  readonly transport: string;
  /** Set when the sender's key belongs to one tenant: other tenants are refused. */
  readonly boundTenant?: string | undefined;
  /** How a dead letter's reason names the item: `#3` (its index) unless told otherwise. */
  readonly itemLabel?: ((index: number) => string) | undefined;
  /** Where the sender keeps item `index`, the same on a redelivery (NewDeadLetter.origin). */
  readonly itemOrigin?: ((index: number) => string) | undefined;
}

/** The receiving clock and the tenants' currencies, as validation reads them. */
export interface ScreenContext {
  readonly receivedAt: number;
  currencyOf(tenant: string): string;
}

/** A batch sorted into valid events and rejects, item by item (in item order). */
export interface Screened {
  /** Valid events with their index in the batch, in batch order. */
  readonly valid: { index: number; event: CallEvent }[];
  /** The answers for the invalid items. */
  readonly rejected: IngestResult[];
  /** The invalid items as dead letters, with their reasons. */
  readonly deadLetters: NewDeadLetter[];
}

export const emptyScreened = (): Screened => ({ valid: [], rejected: [], deadLetters: [] });

/**
 * Screens one item into `into`: a valid event, or a reject with its answer and its dead
 * letter. Pure and synchronous, so the Ingestor runs it on the main thread and the prepare
 * worker (prepare-worker.ts) off it, with the same outcome.
 */
export function screenItem(
  item: BatchItem,
  index: number,
  request: ScreenRequest,
  context: ScreenContext,
  into: Screened,
): void {
  const outcome = check(item, request.boundTenant, context);
  if (outcome.ok) {
    into.valid.push({ index, event: outcome.event });
    return;
  }
  const raw = item.kind === 'value' ? item.value : undefined;
  const id = idOf(raw);
  into.rejected.push({
    index,
    ...(id === undefined ? {} : { id }),
    status: 'rejected',
    reason: outcome.reason,
  });
  into.deadLetters.push({
    // A key bound to a tenant files its rejects there, whatever tenant they claim: one
    // tenant's key must not write into another's dead letters.
    tenant: request.boundTenant ?? tenantOf(raw) ?? 'default',
    source: request.transport,
    reason: `${request.itemLabel?.(index) ?? `#${index}`}: ${outcome.reason}`,
    payload: item.kind === 'value' ? (JSON.stringify(item.value) ?? 'undefined') : item.text,
    ...(request.itemOrigin ? { origin: request.itemOrigin(index) } : {}),
  });
}

function check(
  item: BatchItem,
  boundTenant: string | undefined,
  context: ScreenContext,
): ReturnType<typeof validateEvent> {
  if (item.kind === 'unparsable') return { ok: false, reason: item.reason };
  let value = item.value;
  if (
    boundTenant !== undefined &&
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value)
  ) {
    const tenant = (value as Record<string, unknown>).tenant;
    if (tenant === undefined) value = { ...value, tenant: boundTenant };
    else if (tenant !== boundTenant) {
      return {
        ok: false,
        reason: `tenant: this ingest key may only post events of tenant "${boundTenant}"`,
      };
    }
  }
  return validateEvent(value, context, item.bytes);
}

function idOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const id = (raw as Record<string, unknown>).id;
  return typeof id === 'string' && id.length <= 128 ? id : undefined;
}

function tenantOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const tenant = (raw as Record<string, unknown>).tenant;
  return tenantIdSchema.safeParse(tenant).success ? (tenant as string) : undefined;
}
