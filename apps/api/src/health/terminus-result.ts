import { ServiceUnavailableException } from '@nestjs/common';
import type { HealthCheckResult } from '@nestjs/terminus';

/**
 * The result of Terminus's checks, ready or not: Terminus answers "not ready" by throwing its
 * result inside a 503 exception, which the problem filter would turn into a bare problem.
 */
export async function terminusResult(
  check: () => Promise<HealthCheckResult>,
): Promise<{ readonly result: HealthCheckResult; readonly ready: boolean }> {
  try {
    return { result: await check(), ready: true };
  } catch (error) {
    if (!(error instanceof ServiceUnavailableException)) throw error;
    return { result: error.getResponse() as HealthCheckResult, ready: false };
  }
}
