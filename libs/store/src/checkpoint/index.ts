export {
  restoreCheckpoint,
  settingsHash,
  takeCheckpoint,
  type Checkpoint,
} from './live-checkpoint';
