import { reject } from '../common/canonical';
import { EMPTY, type Mapped, type Reject, type Step } from '../common/types';
import { initialAgentEventState, stepAgentEvent, type AgentEventState } from './agent-event';
import { mapContactRecord } from './contact-record';
import { ADAPTER, type AmazonConnectOptions, type Json } from './options';

export type AmazonConnectState = AgentEventState;
export const initialAmazonConnectState: AmazonConnectState = initialAgentEventState;

/** The records of one delivery, each as the JSON text the stream carried. */
export interface Delivery {
  /** Firehose's `requestId` (to echo in the answer); absent for a Kinesis envelope. */
  readonly requestId: string | undefined;
  readonly records: readonly string[];
  /** Records whose data was not base64 of UTF-8 text. */
  readonly rejects: readonly Reject[];
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Opens a delivery: Firehose's HTTP endpoint request (`{requestId, timestamp, records:
 * [{data}]}`), Kinesis records (`{Data}`, GetRecords' `{Records: [{Data}]}`, or a Lambda
 * event's `{Records: [{kinesis: {data}}]}`), the data base64-encoded; or one record as plain
 * JSON. Answers a reason instead when the body is none of these.
 */
export function decodeDelivery(body: string): Delivery | { readonly error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { error: 'delivery: not JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { error: 'delivery: not a JSON object' };
  }
  const o = parsed as Json;
  if (typeof o.EventType === 'string' || typeof o.ContactId === 'string') {
    return { requestId: undefined, records: [body], rejects: [] };
  }
  const requestId = typeof o.requestId === 'string' ? o.requestId : undefined;
  let items: unknown[];
  let field: 'data' | 'Data';
  if (Array.isArray(o.records)) {
    items = o.records;
    field = 'data';
  } else if (Array.isArray(o.Records)) {
    items = o.Records;
    field = 'Data';
  } else if (typeof o.Data === 'string') {
    items = [o];
    field = 'Data';
  } else {
    return {
      error: 'delivery: expected Firehose {requestId, records: [{data}]} or Kinesis {Data}',
    };
  }
  const records: string[] = [];
  const rejects: Reject[] = [];
  items.forEach((item, index) => {
    const itemObj = typeof item === 'object' && item !== null ? (item as Json) : undefined;
    const kinesis = itemObj?.kinesis as Json | undefined;
    const data = itemObj?.[field] ?? kinesis?.data;
    const text = typeof data === 'string' ? decodeBase64(data) : undefined;
    if (text === undefined) {
      rejects.push(
        reject(
          ADAPTER,
          `record ${index}: ${field} is not base64 of UTF-8 text`,
          JSON.stringify(item) ?? '',
        ),
      );
    } else records.push(text);
  });
  return { requestId, records, rejects };
}

function decodeBase64(data: string): string | undefined {
  const compact = data.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) return undefined;
  try {
    return utf8.decode(Buffer.from(compact, 'base64'));
  } catch {
    return undefined;
  }
}

/**
 * Maps one stream record (JSON text): an agent event (has `EventType`) or a contact record
 * (has `ContactId`); anything else is rejected with the reason. Several records written to
 * one Kinesis record, one per line, are each mapped.
 */
export function stepAmazonConnect(
  state: AmazonConnectState,
  text: string,
  options: AmazonConnectOptions = {},
): Step<AmazonConnectState> {
  const fail = (reason: string): Step<AmazonConnectState> => ({
    state,
    events: [],
    rejects: [reject(ADAPTER, reason, text)],
  });
  const values = parseRecords(text);
  if (!values) return fail('record: not JSON');
  let current = state;
  const results: Mapped[] = [];
  for (const { value, raw } of values) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      results.push({ events: [], rejects: [reject(ADAPTER, 'record: not a JSON object', raw)] });
      continue;
    }
    const record = value as Json;
    if ('EventType' in record) {
      const step = stepAgentEvent(current, record, raw, options);
      current = step.state;
      results.push(step);
    } else if ('ContactId' in record) {
      results.push(mapContactRecord(record, raw, options));
    } else {
      results.push({
        events: [],
        rejects: [reject(ADAPTER, 'record: neither an agent event nor a contact record', raw)],
      });
    }
  }
  return {
    state: current,
    events: results.flatMap((r) => r.events),
    rejects: results.flatMap((r) => r.rejects),
  };
}

/** Maps every record of a delivery in order (the Delivery's own rejects first). */
export function stepDelivery(
  state: AmazonConnectState,
  delivery: Delivery,
  options: AmazonConnectOptions = {},
): Step<AmazonConnectState> {
  let current = state;
  const results: Mapped[] = [{ ...EMPTY, rejects: delivery.rejects }];
  for (const text of delivery.records) {
    const step = stepAmazonConnect(current, text, options);
    current = step.state;
    results.push(step);
  }
  return {
    state: current,
    events: results.flatMap((r) => r.events),
    rejects: results.flatMap((r) => r.rejects),
  };
}

function parseRecords(text: string): { value: unknown; raw: string }[] | undefined {
  try {
    return [{ value: JSON.parse(text), raw: text }];
  } catch {
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
    if (lines.length < 2) return undefined;
    const out: { value: unknown; raw: string }[] = [];
    for (const line of lines) {
      try {
        out.push({ value: JSON.parse(line), raw: line });
      } catch {
        return undefined;
      }
    }
    return out;
  }
}
