/** Realistic, deterministic call-centre traffic as canonical events (see README.md). */
export { createSimulation, type Simulation, type SimulationOptions } from './simulation';
export { toNdjson } from './ndjson';
export {
  DEFAULT_PROFILE,
  resolveProfile,
  type CampaignOverride,
  type CampaignProfile,
  type Handling,
  type ProfileOverrides,
  type QueueOverride,
  type QueueProfile,
  type ShiftProfile,
  type SimulationProfile,
  type Weights,
} from './profile';
export { CATALOGUE, unitPriceMinor, currencyDecimals, type CatalogueItem } from './catalogue';
export { DEMO_PROFILE, DEMO_SETTINGS, type DemoSettings } from './demo';
export { callerNumber } from './caller';
