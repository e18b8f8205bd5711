import { createHash, randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';

/**
 * A new random secret with a readable prefix (`mdt_` display token, `mrt_` refresh token):
 * 192 bits, so storing only its SHA-256 digest is safe — nobody can guess it back.
 */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}

export function secretDigest(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** bcrypt's work factor: about 0.2 s per check here, slow enough to make guessing expensive. */
const BCRYPT_ROUNDS = 11;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_ROUNDS);
}

/** Compared against when the user does not exist, so timing does not reveal usernames. */
const UNKNOWN_USER_HASH = bcrypt.hashSync('not a password of anyone', BCRYPT_ROUNDS);

export function checkPassword(password: string, hash: string | undefined): Promise<boolean> {
  return bcrypt.compare(password, hash ?? UNKNOWN_USER_HASH);
}
