import { cpus, totalmem } from 'node:os';

/** One result line: what was measured, the raw measurement, the derived rate. */
export type Row = [name: string, measured: string, result: string];

export function time<T>(work: () => T): [T, number] {
  const started = process.hrtime.bigint();
  const result = work();
  return [result, Number(process.hrtime.bigint() - started) / 1e6];
}

export async function timeAsync<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = process.hrtime.bigint();
  const result = await work();
  return [result, Number(process.hrtime.bigint() - started) / 1e6];
}

/**
 * Milliseconds on one timeline for every thread of the process (worker threads each have their
 * own `performance.now()` origin), monotonic: latencies measured across threads.
 */
export const sharedNow = (): number => performance.timeOrigin + performance.now();

/**
 * Collects garbage left by earlier work (`npm run bench` runs Node with --expose-gc), so a
 * measurement is not charged with, say, the simulator's million discarded objects.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function perSecond(count: number, ms: number): string {
  return `${Math.round(count / (ms / 1000)).toLocaleString('en-US')}/s`;
}

export function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** The machine line and a Markdown table, ready for docs/benchmarks.md. */
export function printReport(title: string, rows: readonly Row[]): void {
  const cpu = cpus();
  console.log(`\n## ${title}\n`);
  console.log(
    `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`,
  );
  console.log('| benchmark | measured | result |\n|---|---|---|');
  for (const [name, measured, result] of rows) console.log(`| ${name} | ${measured} | ${result} |`);
}
