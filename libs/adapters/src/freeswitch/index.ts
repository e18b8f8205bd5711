export {
  EslParser,
  MAX_ESL_MESSAGE,
  headerBlock,
  plainEvent,
  type EslMessage,
  type EslParserOutput,
} from './esl-parser';
export {
  initialFreeswitchState,
  stepFreeswitch,
  type FreeswitchOptions,
  type FreeswitchState,
} from './map-event';
export { OUTBOUND_CHANNEL_VARIABLES, mapOutboundHangup } from './outbound-dial';
