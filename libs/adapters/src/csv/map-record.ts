import { collect, reject } from '../common/canonical';
import { stableEventId } from '../common/event-id';
import { isoAt } from '../common/numbers';
import type { Candidate, Mapped } from '../common/types';
import { DURATION_FIELDS, INTEGER_FIELDS, type CsvMapping, type FieldSpec } from './mapping';
import { parseTime } from './time';

const ADAPTER = 'csv' as const;
const UNIT_MS = { ms: 1, s: 1000, min: 60_000 } as const;

/**
 * Maps one CSV record (with the column names of the file) to a canonical event through a
 * validated mapping. Cells are translated through `values`, durations scaled to ms, numbers
 * and booleans typed; the result is checked against the canonical schema, so a wrong cell
 * becomes a reject naming the field — never a throw.
 */
export function mapCsvRecord(
  mapping: CsvMapping,
  columns: readonly string[],
  record: readonly string[],
): Mapped {
  const raw = record.map(quote).join(mapping.delimiter);
  const fail = (reason: string): Mapped => ({
    events: [],
    rejects: [reject(ADAPTER, reason, raw)],
  });
  const cell = (name: string): string | undefined => {
    const i = columns.indexOf(name);
    return i < 0 ? undefined : record[i];
  };

  const timeText = cell(mapping.occurredAt.column);
  if (timeText === undefined)
    return fail(`occurredAt: column "${mapping.occurredAt.column}" is missing`);
  const at = parseTime(timeText, mapping.occurredAt.format, mapping.occurredAt.timeZone);
  if (at === undefined) {
    return fail(
      `occurredAt: "${timeText.slice(0, 40)}" does not match ${mapping.occurredAt.format}`,
    );
  }
  const idParts: string[] = [];
  for (const name of mapping.idColumns) {
    const value = cell(name)?.trim();
    if (!value) return fail(`id: column "${name}" is empty`);
    idParts.push(value);
  }

  const fields: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(mapping.fields) as [string, FieldSpec | undefined][]) {
    if (!spec) continue;
    const value = valueOf(name, spec, cell);
    if (typeof value === 'object') return fail(value.error);
    if (value !== undefined) fields[name] = value;
  }
  const type = fields.type;
  if (typeof type !== 'string') return fail('type: is required');
  const candidate: Candidate = {
    ...fields,
    type: type as Candidate['type'],
    id: stableEventId(mapping.idPrefix ?? ADAPTER, ...idParts, type),
    occurredAt: isoAt(at),
    tenant: mapping.tenant ?? 'default',
    source: ADAPTER,
  };
  const ends =
    type === 'call.failed' || (type === 'call.connected' && fields.direction === 'outbound');
  if (!mapping.dialed || !ends) return collect(ADAPTER, [candidate], raw);
  return collect(
    ADAPTER,
    [dialOf(candidate, mapping.idPrefix ?? ADAPTER, idParts), candidate],
    raw,
  );
}

/** The fields a `call.dialed` shares with the row's failure or connect. */
const DIAL_FIELDS = ['callId', 'direction', 'campaign', 'agentId', 'team', 'listId', 'entryId'];

function dialOf(row: Candidate, prefix: string, idParts: readonly string[]): Candidate {
  const dial: Record<string, unknown> = {
    occurredAt: row.occurredAt,
    tenant: row.tenant,
    source: row.source,
  };
  for (const name of DIAL_FIELDS) if (row[name] !== undefined) dial[name] = row[name];
  return { ...dial, type: 'call.dialed', id: stableEventId(prefix, ...idParts, 'call.dialed') };
}

type Value = string | number | boolean | undefined | { readonly error: string };

function valueOf(name: string, spec: FieldSpec, cell: (name: string) => string | undefined): Value {
  if ('value' in spec) return spec.value;
  const text = cell(spec.column);
  if (text === undefined) return { error: `${name}: column "${spec.column}" is missing` };
  const trimmed = text.trim();
  const mapped = spec.values?.[trimmed] ?? (trimmed === '' ? spec.default : trimmed);
  if (mapped === undefined || mapped === '') return undefined;
  if (DURATION_FIELDS.has(name)) {
    if (!/^\d+(\.\d+)?$/.test(mapped)) return { error: `${name}: "${mapped}" is not a number` };
    return Math.round(Number(mapped) * UNIT_MS[spec.unit ?? 'ms']);
  }
  if (INTEGER_FIELDS.has(name)) {
    if (!/^\d+$/.test(mapped)) return { error: `${name}: "${mapped}" is not a whole number` };
    return Number(mapped);
  }
  if (name === 'resolved') {
    if (mapped === 'true' || mapped === 'false') return mapped === 'true';
    return { error: `resolved: "${mapped}" is not true or false (map it with "values")` };
  }
  return mapped;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
