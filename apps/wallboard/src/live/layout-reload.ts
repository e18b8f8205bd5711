/** The layout is read again now and then: an admin's edit reaches the TV without a visit. */
export const RELOAD_LAYOUT_MS = 60_000;
/** After a failed read, the next comes this soon, then twice as late each time (to the reload). */
export const RETRY_FIRST_MS = 2_000;

/** How long to wait before reading again after `failures` reads in a row failed (one or more). */
export function retryDelayMs(failures: number): number {
  return Math.min(RELOAD_LAYOUT_MS, RETRY_FIRST_MS * 2 ** (failures - 1));
}

/** Only a real change replaces the layout: the same scopes keep the socket, the same pages the rotation. */
export function sameLayout(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
