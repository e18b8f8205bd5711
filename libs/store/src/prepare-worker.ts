import { parentPort } from 'node:worker_threads';
import { prepareBatch, type PrepareAnswer, type PrepareJob } from './prepare-batch';

/**
 * A prepare worker's thread (PREPARE_WORKER_FILE): answers each `{ id, job }` with
 * `{ id, answer }` (prepareBatch), or `{ id, error }` when preparing threw. The rows go back in
 * a buffer of their own, transferred rather than copied again. Nothing here touches ClickHouse:
 * it imports the pure files only, never the store's index (chDB stays on the main thread).
 */
parentPort?.on('message', ({ id, job }: { id: number; job: PrepareJob }) => {
  let answer: PrepareAnswer;
  try {
    answer = prepareBatch(job);
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
    return;
  }
  if (answer.kind !== 'prepared') {
    parentPort?.postMessage({ id, answer });
    return;
  }
  const data = new Uint8Array(answer.rows.data); // exactly the rows, not the writer's spare room
  const rows = { data, ends: answer.rows.ends }; // ends: an array of its own (encodeEventRows)
  const transfer = [data.buffer, rows.ends.buffer] as ArrayBuffer[];
  parentPort?.postMessage({ id, answer: { ...answer, rows } }, transfer);
});
