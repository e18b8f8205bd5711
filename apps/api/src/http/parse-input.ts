import type { z } from 'zod';
import { InvalidInput } from '@mieruka/contracts';

/** Validates a query string with its schema; a 400 names every problem (`field: reason`). */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  return parseInput(schema, query);
}

/** Validates a JSON body with its schema; a 400 names every problem (`field: reason`). */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  return parseInput(schema, body ?? {});
}

function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new InvalidInput(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  }
  return parsed.data;
}
