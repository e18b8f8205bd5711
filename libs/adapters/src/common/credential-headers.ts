import { FIREHOSE_ACCESS_KEY_HEADER } from '../amazon-connect/options';
import { SHOPIFY_HMAC_HEADER } from '../shopify/signature';
import { TWILIO_SIGNATURE_HEADER } from '../twilio/signature';
import { SIGNATURE_HEADER } from '../webhook/signature';

/** The headers phone systems authenticate with (lower case): never logged, never stored. */
export const CREDENTIAL_HEADERS: readonly string[] = [
  SIGNATURE_HEADER,
  TWILIO_SIGNATURE_HEADER,
  FIREHOSE_ACCESS_KEY_HEADER,
  SHOPIFY_HMAC_HEADER,
];
