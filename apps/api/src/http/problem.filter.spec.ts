import { Logger, type ArgumentsHost } from '@nestjs/common';
import {
  Conflict,
  Forbidden,
  InvalidInput,
  NotFound,
  TooLarge,
  TooManyRequests,
  Unauthenticated,
  Unavailable,
  type DomainError,
} from '@mieruka/contracts';
import { ProblemFilter } from './problem.filter';

/** What the filter wrote: status, headers and the JSON body. */
function answer(error: unknown, url = '/api/v1/users') {
  const headers: Record<string, string> = {};
  const sent: { status?: number; type?: string; body?: Record<string, unknown> } = {};
  const response = {
    setHeader: (name: string, value: string) => (headers[name] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    type(type: string) {
      sent.type = type;
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
      return this;
    },
  };
  const request = { headers: { 'x-request-id': 'req-1' }, originalUrl: url };
  const host = {
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
  } as unknown as ArgumentsHost;
  new ProblemFilter().catch(error, host);
  return { ...sent, headers };
}

describe('ProblemFilter and domain errors', () => {
  it.each<[DomainError, number, string]>([
    [new InvalidInput('from: after to'), 400, 'bad request'],
    [new Unauthenticated('token revoked'), 401, 'unauthorized'],
    [new Forbidden('no access to tenant osaka'), 403, 'forbidden'],
    [new NotFound('no user sato'), 404, 'not found'],
    [new Conflict('this username is not available'), 409, 'conflict'],
    [new TooLarge('body: more than 10 events'), 413, 'payload too large'],
    [new TooManyRequests('this key is busy'), 429, 'too many requests'],
  ])('answers %p as %d problem JSON with its message and code', (error, status, title) => {
    const { status: sent, type, body } = answer(error);
    expect(sent).toBe(status);
    expect(type).toBe('application/problem+json');
    expect(body).toEqual({
      type: 'about:blank',
      title,
      status,
      detail: error.message,
      code: error.kind,
      instance: '/api/v1/users',
      correlationId: 'req-1',
    });
  });

  it('carries a finer machine code, Retry-After and the authentication challenge as headers', () => {
    const busy = answer(new TooManyRequests('busy', { code: 'ingest.busy', retryAfterSeconds: 1 }));
    expect(busy.body?.['code']).toBe('ingest.busy');
    expect(busy.headers['Retry-After']).toBe('1');
    const refused = answer(
      new Unauthenticated('token expired', { challenge: 'Bearer realm="mieruka"' }),
    );
    expect(refused.headers['WWW-Authenticate']).toBe('Bearer realm="mieruka"');
    expect(refused.headers['Retry-After']).toBeUndefined();
  });

  it('still hides an unexpected error behind a 500 and redacts a credential in the URL', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { status, body } = answer(
      new Error('password=hunter2 leaked'),
      '/api/v1/live?access_token=mdt_secret',
    );
    expect(status).toBe(500);
    expect(body?.['detail']).toBe('internal error; see the server log');
    expect(body?.['code']).toBeUndefined();
    expect(JSON.stringify(body)).not.toMatch(/hunter2|mdt_secret/);
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockRestore();
  });

  it('answers an unavailable dependency as 503 with Retry-After, its cause only in the log', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const down = new Unavailable('the store did not take the batch', { retryAfterSeconds: 5 });
    const { status, body, headers } = answer(down);
    expect(status).toBe(503);
    expect(headers['Retry-After']).toBe('5');
    expect(body).toMatchObject({
      title: 'service unavailable',
      detail: 'internal error; see the server log',
      code: 'unavailable',
    });
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockRestore();
  });
});
