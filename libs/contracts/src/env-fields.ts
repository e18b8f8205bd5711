import { z } from 'zod';

/** The kinds of value settings take, shared by every part of the env schema. */

/** `on`/`off` (or true/false, 1/0). */
export const flag = z
  .enum(['on', 'off', 'true', 'false', '1', '0'], { error: 'must be on or off' })
  .transform((v) => v === 'on' || v === 'true' || v === '1');

export const positiveInt = z.coerce
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .positive('must be greater than 0');

/** A comma-separated list (blank entries dropped), each entry checked by `entry`. */
export const commaList = <T extends z.ZodType<unknown, string>>(entry: T) =>
  z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(entry));

/** A whole number of 0 or more (0 switches a limit off). */
export const wholeOrZero = z.coerce
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .min(0, 'must be 0 or more');
