export { FOLD_VERSION } from './fold-version';
export { tagLiveState, untagLiveState, type LiveState, type TaggedState } from './live-state';
export { CheckpointRefused } from './state-graph';
