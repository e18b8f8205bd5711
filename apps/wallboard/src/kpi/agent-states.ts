import type { LiveAgentState } from '@mieruka/contracts';

/**
 * Each agent state's icon, shown with its colour and word (colour is never the only signal):
 * the agents tile and the agent grid use the same ones, so a state reads the same everywhere.
 */
export const STATE_ICONS: Record<LiveAgentState, string> = {
  available: '●',
  on_call: '☎',
  wrap: '✎',
  not_ready: '‖',
  break: '☕',
};
