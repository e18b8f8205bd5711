import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Runs an Express body parser inside a Nest middleware and turns its failure into the HTTP
 * exception `toHttp` chooses. Awaited rather than passed to next(error): Nest routes a
 * rejected middleware through its exception filters (problem JSON), while next(error) skips
 * them and the caller sees a 404.
 */
export async function runParser(
  parse: RequestHandler,
  request: Request,
  response: Response,
  toHttp: (error: { type?: string; message?: string }) => Error,
): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    void parse(request, response, ((error?: unknown) =>
      error ? reject(toHttp(error)) : resolve()) as NextFunction);
  });
}
