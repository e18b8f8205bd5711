import { decimalSecondsToMs } from '../common/numbers';

/**
 * One line of Asterisk's queue_log: `epoch|callid|queue|member|EVENT|param1|param2|…`
 * (doc/queuelog.txt in the Asterisk sources; QueueMetrics and Asternic read the same file).
 * `NONE` stands for an empty call id, queue or member.
 */
export interface QueueLogEntry {
  /** Epoch milliseconds. */
  readonly time: number;
  readonly callId: string | undefined;
  readonly queue: string | undefined;
  readonly member: string | undefined;
  readonly event: string;
  readonly params: readonly string[];
}

export type ParsedLine =
  | { readonly ok: true; readonly entry: QueueLogEntry }
  | { readonly ok: false; readonly reason: string };

const orNone = (field: string | undefined): string | undefined => {
  const value = field?.trim();
  return value === undefined || value === '' || value === 'NONE' ? undefined : value;
};

export function parseQueueLogLine(line: string): ParsedLine {
  const text = line.replace(/\r$/, '');
  const fields = text.split('|');
  if (fields.length < 5) {
    return {
      ok: false,
      reason: `queue_log: expected epoch|callid|queue|member|EVENT|…, got ${fields.length} field(s)`,
    };
  }
  const [epoch, callId, queue, member, event, ...params] = fields as [
    string,
    string,
    string,
    string,
    string,
    ...string[],
  ];
  const time = decimalSecondsToMs(epoch);
  if (time === undefined) {
    return {
      ok: false,
      reason: `queue_log: "${epoch.slice(0, 32)}" is not an epoch time in seconds`,
    };
  }
  if (!/^[A-Za-z_]+$/.test(event.trim())) {
    return { ok: false, reason: `queue_log: "${event.slice(0, 32)}" is not an event name` };
  }
  return {
    ok: true,
    entry: {
      time,
      callId: orNone(callId),
      queue: orNone(queue),
      member: orNone(member),
      event: event.trim().toUpperCase(),
      params,
    },
  };
}
