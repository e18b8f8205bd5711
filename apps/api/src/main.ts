import { EnvError, SettingsError, parseEnv } from '@mieruka/contracts';
import type { INestApplication } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { createApp } from './app';
import { DisplayTokensService } from './auth/display-tokens.service';
import { IngestKeys } from './config/ingest-keys';
import { warnUnknownSettings } from './config/unknown-settings';
import { IntakeGate } from './http/intake-gate';

/**
 * A stop is graceful but bounded. In order: new requests are turned away (503, `Connection:
 * close`: senders retry elsewhere), the requests already inside are answered, then Nest
 * closes every module — the simulator and adapters, the consumer's last batch and commit,
 * sockets, the store. An orchestrator waiting on us, or a dependency that hangs while
 * closing, must not keep the process alive: past the deadline it exits anyway. Unanswered
 * requests are retried by their senders and absorbed by id, so a forced exit loses nothing
 * acknowledged.
 */
const SHUTDOWN_DEADLINE_MS = 15_000;
/** Of the deadline, how long the requests inside may take to be answered. */
const SETTLE_MS = 8_000;

function stopOnSignals(app: INestApplication): void {
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      console.error(`mieruka: still stopping after ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    const gate = app.get(IntakeGate);
    gate.close();
    await gate.settled(SETTLE_MS);
    try {
      await app.close();
      process.exit(0);
    } catch (error) {
      console.error('mieruka: stopping failed:', error);
      process.exit(1);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stop());
}

async function main(): Promise<void> {
  const env = parseEnv(process.env);
  const ingestKeys = new IngestKeys(env.MIERUKA_INGEST_KEYS);
  const app = await createApp({ env, ingestKeys });
  // A misspelt setting is ignored by the schema: say so, by name only (never the value).
  warnUnknownSettings(process.env, app.get(Logger));
  stopOnSignals(app);
  await app.listen(env.MIERUKA_PORT, env.MIERUKA_HOST);
  const shown = env.MIERUKA_HOST === '0.0.0.0' ? 'localhost' : env.MIERUKA_HOST;
  console.log(`\nMieruka is running: http://${shown}:${env.MIERUKA_PORT}/`);
  if (ingestKeys.generated) {
    console.log(
      `Ingest key for this run (set MIERUKA_INGEST_KEYS to choose your own): ${ingestKeys.generated}\n`,
    );
  }
  if (env.MIERUKA_SIMULATOR) {
    // The demo's floor TV: a display token for the simulated tenant, made for this run.
    const display = await app.get(DisplayTokensService).create({
      tenant: 'default',
      wallboard: 'demo',
      label: 'printed at start (simulator on)',
      expiresInDays: 30,
    });
    console.log(
      `Wallboard for this run (the link pairs the screen): http://${shown}:${env.MIERUKA_PORT}/#display=${display.token}`,
    );
  }
}

main().catch((error: unknown) => {
  if (error instanceof EnvError || error instanceof SettingsError) {
    console.error(error.message);
  } else {
    console.error('Mieruka could not start:', error);
  }
  process.exit(1);
});
