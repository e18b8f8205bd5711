export { parseQueueLogLine, type ParsedLine, type QueueLogEntry } from './parse-line';
export { stepQueueLog, QUEUE_LOG_SILENT_EVENTS, OFFER_INFERRED_ATTR } from './map-line';
export { initialQueueLogState, type QueueLogState } from './state';
export type { AgentRecord } from './agents';
