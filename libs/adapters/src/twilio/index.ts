export {
  TWILIO_SIGNATURE_HEADER,
  computeTwilioSignature,
  parseForm,
  urlVariants,
  verifyTwilioBodySignature,
  verifyTwilioSignature,
  type TwilioParams,
  type TwilioSignatureCheck,
} from './signature';
export {
  DEFAULT_ACTIVITIES,
  initialTaskRouterState,
  stepTaskRouter,
  type TaskRouterState,
  type TwilioOptions,
} from './taskrouter';
export {
  inPayloadOrder,
  parseEventStreamsBody,
  stepEventStreamsBatch,
  stepTaskRouterCloudEvent,
  taskRouterParams,
  type EventStreamsBody,
  type EventStreamsState,
  type TwilioCloudEvent,
} from './event-streams';
export {
  eventResourceParams,
  inEventOrder,
  jsonTexts,
  readEventResources,
  stepEventResources,
  type EventResources,
  type TaskRouterEventResource,
} from './events-api';
export { mapVoiceStatus, type VoiceStatusOptions } from './voice-status';
