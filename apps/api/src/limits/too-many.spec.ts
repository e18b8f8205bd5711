import { HttpStatus } from '@nestjs/common';
import { tooManyRequests } from './too-many';

describe('tooManyRequests', () => {
  it('says which limit, how much, and when to retry, in the detail and in Retry-After', () => {
    const error = tooManyRequests('key', 6000, 60_000, 12_300);
    expect(error.getStatus()).toBe(HttpStatus.TOO_MANY_REQUESTS);
    expect(error.getResponse()).toEqual({
      message: 'too many requests with this ingest key: at most 6000 per 60 s; retry after 13 s',
      headers: { 'Retry-After': '13' },
    });
  });

  it('speaks minutes for sign-in windows and never asks to retry after 0 s', () => {
    const error = tooManyRequests('login', 10, 15 * 60_000, 0);
    expect(error.getResponse()).toEqual({
      message:
        'too many failed sign-ins for this user from this address: at most 10 per 15 min; retry after 1 s',
      headers: { 'Retry-After': '1' },
    });
  });
});
