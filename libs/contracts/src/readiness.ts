import { z } from 'zod';

/**
 * The answer of `GET /api/v1/ready` (readiness: may a load balancer send this instance
 * traffic?). The shape is @nestjs/terminus's — `status`, `info` (checks up), `error` (checks
 * down), `details` (all) — plus `failing`, the names of the checks that are down, so a probe's
 * log line says what is wrong without reading the details. 200 when `ok`, 503 otherwise.
 */

/** The parts readiness checks; `kafka` and `redis` only when they are configured. */
export const READINESS_CHECKS = ['store', 'kafka', 'redis', 'adapters'] as const;
export type ReadinessCheckName = (typeof READINESS_CHECKS)[number];

/** One part: `up` or `down`, with what the check found (and `message` when down). */
export const readinessCheckSchema = z.looseObject({
  status: z.enum(['up', 'down']),
  message: z.string().optional(),
});
export type ReadinessCheck = z.output<typeof readinessCheckSchema>;

const checksSchema = z.record(z.string(), readinessCheckSchema);

export const readinessAnswerSchema = z.object({
  /** `shutting_down` once SIGTERM arrived: the instance finishes its work and wants no more. */
  status: z.enum(['ok', 'error', 'shutting_down']),
  failing: z.array(z.string()),
  info: checksSchema.optional(),
  error: checksSchema.optional(),
  details: checksSchema,
});
export type ReadinessAnswer = z.output<typeof readinessAnswerSchema>;
