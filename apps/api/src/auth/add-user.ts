import type { NewUserInput } from '@mieruka/contracts';
import type { CredentialStore } from '@mieruka/store';
import { hashPassword } from './secrets';

/**
 * Stores a new user with a bcrypt hash of the password; `false` when the name is taken, in any
 * case: `ROOT` beside `root` would look like one user in every list and log.
 */
export async function addUser(
  credentials: CredentialStore,
  user: NewUserInput,
  now: number,
): Promise<boolean> {
  if (await credentials.findUserIgnoringCase(user.username)) return false;
  await credentials.saveUser({
    username: user.username,
    tenant: user.tenant,
    role: user.role,
    scopes: user.scopes ?? [],
    passwordHash: await hashPassword(user.password),
    createdAt: now,
    disabled: false,
    changedAt: now,
  });
  return true;
}
