import { SessionSigner } from './session-tokens';

const NOW = Date.parse('2026-11-24T10:00:00Z');
const claims = {
  username: 'sato',
  tenant: 'osaka',
  role: 'supervisor' as const,
  scopes: ['team:blue'],
  issuedAt: NOW,
  expiresAt: NOW + 60_000,
  session: 'a-sign-in',
};

describe('SessionSigner', () => {
  const signer = new SessionSigner('a-secret-shared-by-every-instance-0123');

  it('accepts its own token until it expires', () => {
    const token = signer.sign(claims);
    expect(signer.verify(token, NOW)).toEqual(claims);
    expect(signer.verify(token, NOW + 60_000)).toEqual({ refused: 'session expired' });
  });

  it('accepts a token of another instance with the same secret, not with another', () => {
    const token = signer.sign(claims);
    expect(new SessionSigner('a-secret-shared-by-every-instance-0123').verify(token, NOW)).toEqual(
      claims,
    );
    expect(new SessionSigner('another-secret-another-secret-0000').verify(token, NOW)).toEqual({
      refused: 'token signature does not match',
    });
  });

  it('refuses changed claims, even with a valid-looking shape', () => {
    const [prefix, , mac] = signer.sign(claims).split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, tenant: '*', role: 'admin' })).toString(
      'base64url',
    );
    expect(signer.verify(`${prefix}.${forged}.${mac}`, NOW)).toEqual({
      refused: 'token signature does not match',
    });
  });

  it.each(['', 'ms1', 'ms1.a', 'ms1.a.b.c', 'jwt.a.b', 'ms1..'])(
    'refuses malformed %j',
    (token) => {
      expect(signer.verify(token, NOW)).toHaveProperty('refused');
    },
  );

  it('refuses well-signed claims of the wrong shape', () => {
    const unsigned = new SessionSigner('a-secret-shared-by-every-instance-0123');
    const token = unsigned.sign({ ...claims, role: 'root' as never });
    expect(signer.verify(token, NOW)).toEqual({ refused: 'malformed token' });
  });

  it('reads a token signed before sign-ins had ids as belonging to none', () => {
    const { session: _none, ...older } = claims;
    const token = signer.sign(older as typeof claims);
    expect(signer.verify(token, NOW)).toEqual({ ...claims, session: '' });
  });
});
