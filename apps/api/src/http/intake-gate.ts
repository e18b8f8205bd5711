import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { redactedUrl } from './redaction';
import { requestIdOf } from './request-id';

/** Still answered while stopping: probes and scrapes must see the instance until it is gone. */
const ALWAYS_OPEN = ['/api/v1/health', '/api/v1/ready', '/metrics'];

/**
 * The first step of a graceful stop. Nest keeps serving HTTP while it closes the modules —
 * the store included — so without this, requests on a sender's open keep-alive connection
 * would keep being taken (measured: 17,000 events acknowledged after SIGTERM) or meet a store
 * that is closing. `close()` answers every new request 503 with `Connection: close` and a
 * `Retry-After` (the sender, or the load balancer, tries another instance), and `settled()`
 * waits for the requests already inside to be answered before the modules close.
 */
@Injectable()
export class IntakeGate {
  private open = true;
  private inside = 0;
  private waiters: (() => void)[] = [];

  get closed(): boolean {
    return !this.open;
  }

  /** The Express middleware in front of every route (installed by createApp). */
  middleware(): RequestHandler {
    return (request, response, next) => this.use(request, response, next);
  }

  private use(request: Request, response: Response, next: NextFunction): void {
    if (!this.open && !ALWAYS_OPEN.some((path) => request.path.startsWith(path))) {
      response
        .status(503)
        .set({ Connection: 'close', 'Retry-After': '5' })
        .type('application/problem+json')
        .json({
          type: 'about:blank',
          title: 'service unavailable',
          status: 503,
          detail: 'this instance is shutting down; retry (another instance will answer)',
          instance: redactedUrl(request.originalUrl),
          correlationId: requestIdOf(request, response),
        });
      return;
    }
    this.inside++;
    let done = false;
    const leave = () => {
      if (done) return;
      done = true;
      this.inside--;
      if (this.inside === 0) for (const wake of this.waiters.splice(0)) wake();
    };
    response.once('finish', leave);
    response.once('close', leave);
    next();
  }

  /** Takes no new requests from now on. */
  close(): void {
    this.open = false;
  }

  /** Resolves once every request taken before `close()` is answered, or after `timeoutMs`. */
  settled(timeoutMs: number): Promise<void> {
    if (this.inside === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
