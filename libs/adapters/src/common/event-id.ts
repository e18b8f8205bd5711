import { createHash } from 'node:crypto';

const MAX_ID = 128;
const ALLOWED = /^[A-Za-z0-9._:-]*$/;

/**
 * A canonical event id derived only from source identifiers, so mapping the same source event
 * again (a replay after a reconnect, a re-read file) gives the same id and ingest absorbs it as
 * a duplicate. Parts are joined with `:`; a part with characters outside `[A-Za-z0-9._-]`
 * (or a `:`) is escaped reversibly (`~` is not allowed in ids, so `_xx` hex is used and `_`
 * itself is doubled), so different parts never collide. An id that would exceed 128
 * characters keeps its first 80 and ends with a SHA-256 digest of the whole.
 */
export function stableEventId(...parts: readonly (string | number)[]): string {
  const id = parts.map((p) => escapePart(String(p))).join(':');
  if (id.length <= MAX_ID) return id;
  const digest = createHash('sha256').update(id).digest('hex').slice(0, 40);
  return `${id.slice(0, MAX_ID - 41)}.${digest}`;
}

function escapePart(part: string): string {
  if (part !== '' && /^[A-Za-z0-9.-]+$/.test(part)) return part;
  let out = '';
  for (const ch of part) {
    if (/^[A-Za-z0-9.-]$/.test(ch)) out += ch;
    else if (ch === '_') out += '__';
    else {
      for (const byte of new TextEncoder().encode(ch)) {
        out += `_${byte.toString(16).padStart(2, '0')}`;
      }
    }
  }
  return out === '' ? '_' : out;
}

/** True when `id` may be used as a canonical event id as it is. */
export function isValidEventId(id: string): boolean {
  return id.length > 0 && id.length <= MAX_ID && ALLOWED.test(id);
}
