import { routeClass } from './route-class';

describe('routeClass', () => {
  it.each([
    ['/api/v1/health', 'open'],
    ['/api/v1/health/', 'open'],
    ['/api/v1/health?verbose=1', 'open'],
    ['/api/v1/ready', 'open'],
    ['/metrics', 'open'],
    ['/api/v1/events', 'ingest'],
    ['/api/v1/dead-letters?limit=5', 'ingest'],
    ['/api/v1/webhooks/events', 'ingest'],
    ['/api/v1/twilio/taskrouter', 'ingest'],
    ['/api/v1/amazon-connect/records', 'ingest'],
    ['/api/v1/auth/login', 'api'],
    ['/api/v1/live?tenant=default', 'api'],
    ['/api/v1/kpis', 'api'],
    // Look-alikes of the free and ingest prefixes are ordinary routes.
    ['/api/v1/healthz', 'api'],
    ['/api/v1/eventsx', 'api'],
    ['/metrics-private', 'api'],
    ['/', 'api'],
  ])('%s is %s', (url, expected) => {
    expect(routeClass(url)).toBe(expected);
  });
});
