import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface IngestKeyMatch {
  /** The tenant this key is limited to, or undefined for a key of every tenant. */
  readonly tenant: string | undefined;
}

/**
 * The keys allowed to post events (MIERUKA_INGEST_KEYS: `KEY` or `TENANT:KEY`, comma separated).
 * Only SHA-256 digests are kept in memory and compared in constant time. Keys an admin issued
 * are the AuthService's; it registers itself here (`issuedBy`) so `recognises` knows both.
 */
export class IngestKeys {
  private readonly entries: { digest: Buffer; tenant: string | undefined }[];
  private issued: ((presented: string) => Promise<boolean>) | undefined;
  /** Set when no key was configured: a key made up at boot and printed once. */
  readonly generated: string | undefined;

  constructor(entries: readonly string[], generate = () => randomBytes(24).toString('base64url')) {
    const list = [...entries];
    this.generated = list.length === 0 ? generate() : undefined;
    if (this.generated) list.push(this.generated);
    this.entries = list.map((entry) => {
      const colon = entry.indexOf(':');
      const tenant = colon > 0 ? entry.slice(0, colon) : undefined;
      const key = colon > 0 ? entry.slice(colon + 1) : entry;
      return { digest: digest(key), tenant };
    });
  }

  /** Where keys issued through the API are checked (valid: neither revoked nor expired). */
  issuedBy(lookup: (presented: string) => Promise<boolean>): void {
    this.issued = lookup;
  }

  /** Whether a key may post at all, configured or issued (the rate limit counts per key then). */
  async recognises(presented: string): Promise<boolean> {
    return this.match(presented) !== undefined || ((await this.issued?.(presented)) ?? false);
  }

  match(presented: string): IngestKeyMatch | undefined {
    const candidate = digest(presented);
    let found: IngestKeyMatch | undefined;
    // Compare against every entry so timing does not tell which one matched.
    for (const entry of this.entries) {
      if (timingSafeEqual(entry.digest, candidate)) found ??= { tenant: entry.tenant };
    }
    return found;
  }
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}
