import { describe, expect, it } from '@jest/globals';
import { RELOAD_LAYOUT_MS, RETRY_FIRST_MS, retryDelayMs, sameLayout } from './layout-reload';
import { screenConnection } from './screen-connection';

describe('reading the layout again after a failure', () => {
  it('retries soon, then twice as late each time, never later than the reload', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([
      RETRY_FIRST_MS,
      RETRY_FIRST_MS * 2,
      RETRY_FIRST_MS * 4,
      RETRY_FIRST_MS * 8,
    ]);
    expect(retryDelayMs(20)).toBe(RELOAD_LAYOUT_MS);
  });

  it('replaces the layout only when it really changed', () => {
    expect(sameLayout({ pages: [{ columns: 2 }] }, { pages: [{ columns: 2 }] })).toBe(true);
    expect(sameLayout({ pages: [{ columns: 2 }] }, { pages: [{ columns: 3 }] })).toBe(false);
    expect(sameLayout(null, { pages: [] })).toBe(false);
  });
});

describe('the connection the screen shows', () => {
  it('says why the layout was refused before what the socket says', () => {
    expect(screenConnection('unpaired', 'connecting')).toBe('unpaired');
    expect(screenConnection('revoked', 'live')).toBe('revoked');
    expect(screenConnection('signedOut', 'stale')).toBe('signedOut');
  });

  it('follows the socket otherwise, also after a failed read', () => {
    expect(screenConnection(undefined, 'live')).toBe('live');
    expect(screenConnection('failed', 'stale')).toBe('stale');
  });
});
