import { unknownSettings } from '@mieruka/contracts';

/** The one method used of nestjs-pino's `Logger` (Nest's logger contract: the context last). */
export interface WarnLogger {
  warn(message: object, context: string): void;
}

/**
 * At start, one warning per `MIERUKA_*` variable that is not a setting (a typo such as
 * `MIERUKA_SIMULATOR_RATTE` is otherwise ignored without a word), naming the nearest
 * setting. The line carries the variable's name only: its value may be a secret.
 */
export function warnUnknownSettings(
  env: Record<string, string | undefined>,
  logger: WarnLogger,
): void {
  for (const { name, nearest, message } of unknownSettings(env)) {
    logger.warn({ setting: name, nearest, msg: message }, 'Settings');
  }
}
