import type { WallboardLoadError } from '../api/wallboards';
import type { Connection } from '../composables/useLiveRooms';

/**
 * What the screen says of its connection: a layout refused for the screen's credential
 * (not paired, revoked, signed out) outranks the socket, which would only say "connecting".
 */
export function screenConnection(
  problem: WallboardLoadError['reason'] | undefined,
  socket: Connection,
): Connection {
  if (problem === 'unpaired' || problem === 'revoked' || problem === 'signedOut') return problem;
  return socket;
}
