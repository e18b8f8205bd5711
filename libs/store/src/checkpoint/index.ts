export {
  captureCheckpoint,
  restoreCheckpoint,
  settingsHash,
  takeCheckpoint,
  type Checkpoint,
} from './live-checkpoint';
export { CheckpointStore } from './checkpoint-store';
