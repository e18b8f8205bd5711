import { REDACT_PATHS, redactedQuery, redactedUrl } from './redaction';

describe('redaction', () => {
  it.each([
    ['/api/v1/live', '/api/v1/live'],
    ['/api/v1/kpis?groupBy=hour&scope=tenant', '/api/v1/kpis?groupBy=hour&scope=tenant'],
    [
      '/api/v1/live?access_token=eyJ.a.b&tenant=acme',
      '/api/v1/live?access_token=[redacted]&tenant=acme',
    ],
    [
      '/x?token=mdt_1&api_key=k&X-Amz-Signature=s&password=p',
      '/x?token=[redacted]&api_key=[redacted]&X-Amz-Signature=[redacted]&password=[redacted]',
    ],
    ['/x?%74oken=mdt_1', '/x?%74oken=[redacted]'],
    ['/x?sessionId', '/x?sessionId=[redacted]'],
  ])('%s is logged as %s', (url, logged) => {
    expect(redactedUrl(url)).toBe(logged);
  });

  it('replaces credential-named values of a parsed query, and nothing else', () => {
    expect(redactedQuery({ token: 'mdt_1', tenant: 'acme', Authorization: 'Bearer x' })).toEqual({
      token: '[redacted]',
      tenant: 'acme',
      Authorization: '[redacted]',
    });
    expect(redactedQuery(undefined)).toBeUndefined();
  });

  it('covers the request and answer headers every adapter authenticates with', () => {
    for (const header of [
      'authorization',
      'cookie',
      'mieruka-signature',
      'x-twilio-signature',
      'x-amz-firehose-access-key',
    ]) {
      expect(REDACT_PATHS).toContain(`req.headers["${header}"]`);
    }
    expect(REDACT_PATHS).toContain('res.headers["set-cookie"]');
  });
});
