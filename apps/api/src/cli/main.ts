import { Command } from 'commander';
import { registerImport } from './import.command';
import { registerKpi } from './kpi.command';
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
registerUser(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`mieruka: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
