import { describe, expect, it } from '@jest/globals';
import { errorText } from './error-text';
import { ApiError, AuthRequiredError, apiError, problemDetail, problemText } from './problem';

const t = (key: string, params?: Record<string, unknown>) =>
  params ? `${key} ${JSON.stringify(params)}` : key;

describe('the API’s reason for a refusal', () => {
  it('reads problem JSON’s detail before its title', () => {
    expect(
      problemText({ type: 'about:blank', title: 'bad request', detail: 'from: not a date' }),
    ).toBe('from: not a date');
    expect(problemText({ title: 'forbidden' })).toBe('forbidden');
  });

  it('reads Nest’s older message, a string or a list joined as the API joins its problems', () => {
    expect(problemText({ statusCode: 400, message: 'no such user', error: 'Bad Request' })).toBe(
      'no such user',
    );
    expect(problemText({ message: ['publicUrl: is required', 'authTokens: at least one'] })).toBe(
      'publicUrl: is required; authTokens: at least one',
    );
  });

  it('finds no reason in an empty, blank or shapeless body', () => {
    expect(problemText(null)).toBeNull();
    expect(problemText({ detail: '  ', message: [] })).toBeNull();
    expect(problemText(42)).toBeNull();
  });

  it('turns a refused response into an ApiError with its status', async () => {
    const json = new Response(JSON.stringify({ detail: 'only a supervisor can be limited' }), {
      status: 400,
      headers: { 'content-type': 'application/problem+json' },
    });
    const error = await apiError(json);
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.detail, error.message]).toEqual([
      400,
      'only a supervisor can be limited',
      'only a supervisor can be limited',
    ]);
    const html = await apiError(new Response('<h1>Bad gateway</h1>', { status: 502 }));
    expect([html.status, html.detail, html.message]).toEqual([502, null, 'HTTP 502']);
  });

  it('falls back to the status line when the body says nothing', async () => {
    const response = new Response('', { status: 503, statusText: 'Service Unavailable' });
    expect(await problemDetail(response)).toBe('503 Service Unavailable');
  });
});

describe('an error in the page’s words', () => {
  it('keeps the API’s reason verbatim and words the rest with the page’s messages', () => {
    expect(errorText(new ApiError(400, 'scopes: only a supervisor'), t)).toBe(
      'scopes: only a supervisor',
    );
    expect(errorText(new ApiError(500, null), t)).toBe('api.status {"status":500}');
    expect(errorText(new AuthRequiredError('session ended'), t)).toBe('api.signedOut');
    expect(errorText(new TypeError('Failed to fetch'), t)).toBe('api.unreachable');
    expect(errorText(new Error('boom'), t)).toBe('boom');
    expect(errorText('odd', t)).toBe('odd');
  });
});
