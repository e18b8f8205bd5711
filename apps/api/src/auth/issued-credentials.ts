/**
 * What the credential controller needs of a kind of issued credential (display tokens,
 * ingest keys): the same three jobs, each kind with its own request and answers.
 */
export interface IssuedCredentials<Wanted extends { tenant: string }, Created, Info> {
  /** Issues one; the secret is in this answer only. */
  create(wanted: Wanted): Promise<Created>;
  /** Those of a tenant (or of every tenant for `*`) that have not expired. */
  list(tenant: string): Promise<Info[]>;
  /** Revokes one at once; NotFound when none with that id is in the caller's reach. */
  revoke(id: string, tenant: string): Promise<Info>;
}
