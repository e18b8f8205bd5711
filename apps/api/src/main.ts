import { EnvError, SettingsError, parseEnv } from '@mieruka/contracts';
import { createApp } from './app';
import { IngestKeys } from './config/ingest-keys';

async function main(): Promise<void> {
  const env = parseEnv(process.env);
  const ingestKeys = new IngestKeys(env.MIERUKA_INGEST_KEYS);
  const app = await createApp({ env, ingestKeys });
  await app.listen(env.MIERUKA_PORT, env.MIERUKA_HOST);
  const shown = env.MIERUKA_HOST === '0.0.0.0' ? 'localhost' : env.MIERUKA_HOST;
  console.log(`\nMieruka is running: http://${shown}:${env.MIERUKA_PORT}/`);
  if (ingestKeys.generated) {
    console.log(
      `Ingest key for this run (set MIERUKA_INGEST_KEYS to choose your own): ${ingestKeys.generated}\n`,
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
