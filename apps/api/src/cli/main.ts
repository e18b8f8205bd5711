import { Command } from 'commander';
import { parseEnv } from '@mieruka/contracts';
import { registerExport } from './export.command';
import { registerImport } from './import.command';
import { registerKpi } from './kpi.command';
import { registerRollups } from './rollups.command';
import { registerSimulate } from './simulate.command';
import { registerUser } from './user.command';

/** `mieruka <command>`: each command lives in its own file and registers itself here. */
const program = new Command()
  .name('mieruka')
  .description('Mieruka (見える化): realtime call-centre wallboard and KPI analytics')
  .showHelpAfterError();

registerSimulate(program);
registerKpi(program);
registerImport(program);
// The settings, for the commands that open the store the API uses: read here, at the entry
// point, as apps/api/src/main.ts does — no other file reads the environment.
registerUser(program, () => parseEnv(process.env));
registerExport(program, () => parseEnv(process.env));
registerRollups(program, () => parseEnv(process.env));

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`mieruka: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
