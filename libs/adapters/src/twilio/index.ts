export {
  TWILIO_SIGNATURE_HEADER,
  computeTwilioSignature,
  parseForm,
  urlVariants,
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
export { mapVoiceStatus, type VoiceStatusOptions } from './voice-status';
