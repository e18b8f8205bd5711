export {
  DEFAULT_BREAK_STATUSES,
  DEFAULT_CAMPAIGN,
  FIREHOSE_ACCESS_KEY_HEADER,
  type AmazonConnectOptions,
} from './options';
export { mapContactRecord } from './contact-record';
export { initialAgentEventState, stepAgentEvent, type AgentEventState } from './agent-event';
export {
  decodeDelivery,
  initialAmazonConnectState,
  stepAmazonConnect,
  stepDelivery,
  type AmazonConnectState,
  type Delivery,
} from './delivery';
