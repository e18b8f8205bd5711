import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '@mieruka/contracts';
import { domainProblem } from './domain-problem';
import { redactedUrl } from './redaction';
import { requestIdOf } from './request-id';

/**
 * Every error leaves as RFC 9457 problem JSON with the request's correlation id, so an
 * operator can find the matching log line. A domain error (libs/contracts) is mapped here and
 * only here, its machine code in `code`; errors from body parsing (size, encoding) keep their
 * 4xx status; anything unexpected is a 500 without internals in the answer.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: unknown }>();
    const response = http.getResponse<Response>();
    const domain = error instanceof DomainError ? domainProblem(error) : undefined;
    const status = domain?.status ?? statusOf(error);
    // A 5xx says nothing of its cause (a dependency's message could name hosts or users).
    const detail =
      status >= 500 ? 'internal error; see the server log' : (domain?.detail ?? messageOf(error));
    if (status >= 500)
      this.logger.error(
        { err: error, correlationId: requestIdOf(request, response) },
        'request failed',
      );
    const headers =
      domain?.headers ??
      (error instanceof HttpException
        ? (error.getResponse() as { headers?: Record<string, string> }).headers
        : undefined);
    for (const [name, value] of Object.entries(headers ?? {})) response.setHeader(name, value);
    response
      .status(status)
      .type('application/problem+json')
      .json({
        type: 'about:blank',
        title: HttpStatus[status]?.replaceAll('_', ' ').toLowerCase() ?? 'error',
        status,
        detail,
        ...(domain ? { code: domain.code } : {}),
        instance: redactedUrl(request.originalUrl),
        correlationId: requestIdOf(request, response),
      });
  }
}

function statusOf(error: unknown): number {
  if (error instanceof HttpException) return error.getStatus();
  const candidate = (error as { status?: unknown; statusCode?: unknown } | null) ?? {};
  const status = Number(candidate.status ?? candidate.statusCode);
  return Number.isInteger(status) && status >= 400 && status < 600 ? status : 500;
}

function messageOf(error: unknown): string {
  if (error instanceof HttpException) {
    const body = error.getResponse();
    if (typeof body === 'string') return body;
    const message = (body as { message?: unknown }).message;
    if (Array.isArray(message)) return message.join('; ');
    return typeof message === 'string' ? message : error.message;
  }
  return (error as { message?: string }).message ?? 'bad request';
}
