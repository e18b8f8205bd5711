/** Digits a masked number shows at most: enough to tell callers apart on a call-back list. */
const SHOWN_DIGITS = 4;
/** Longer than any written phone number (E.164 has at most 15 digits): not one. */
const MAX_LENGTH = 32;
/** A phone number as people and PBXs write it: digits, an optional +, spaces, - . ( ). */
const PHONE = /^\+?[\d\s().-]+$/;

/**
 * A caller's number as a TV may show it: every digit but the last four replaced by `*`, the
 * separators kept (`090-1234-5678` → `***-****-5678`). Short numbers keep at most half their
 * digits, so an extension is never shown whole. Anything that is not a phone number (a SIP
 * URI, a name, `anonymous`) gives undefined: nothing is better than a leak.
 */
export function maskCaller(raw: string | undefined): string | undefined {
  const text = raw?.trim();
  if (!text || text.length > MAX_LENGTH || !PHONE.test(text)) return undefined;
  const digits = text.replace(/\D/g, '').length;
  if (digits === 0) return undefined;
  let toMask = digits - Math.min(SHOWN_DIGITS, Math.floor(digits / 2));
  return text.replace(/\s+/g, ' ').replace(/\d/g, (d) => (toMask-- > 0 ? '*' : d));
}
