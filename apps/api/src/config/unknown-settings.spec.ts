import { pinoLines } from '../../../../tests/support/pino-lines';
import { warnUnknownSettings } from './unknown-settings';

const { logger, lines } = pinoLines();

beforeEach(() => lines.splice(0));

describe('warnUnknownSettings', () => {
  it('logs one pino warning per unknown MIERUKA_ variable, naming the nearest setting', () => {
    warnUnknownSettings(
      {
        MIERUKA_PORT: '3000',
        MIERUKA_SIMULATOR_RATTE: '60',
        MIERUKA_SESION_SECRET: 'a-secret-that-must-never-be-logged-0123456789',
        HOME: '/root',
      },
      logger,
    );
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        context: 'Settings',
        setting: 'MIERUKA_SESION_SECRET',
        nearest: ['MIERUKA_SESSION_SECRET'],
        msg: 'MIERUKA_SESION_SECRET is not a Mieruka setting and is ignored — did you mean MIERUKA_SESSION_SECRET? (settings: docs/settings.md)',
      }),
      expect.objectContaining({
        level: 40,
        setting: 'MIERUKA_SIMULATOR_RATTE',
        nearest: ['MIERUKA_SIMULATOR_RATE'],
      }),
    ]);
    const written = JSON.stringify(lines);
    expect(written).not.toContain('a-secret-that-must-never-be-logged');
    expect(written).not.toContain('"60"');
  });

  it('logs nothing when every MIERUKA_ variable is a setting', () => {
    warnUnknownSettings({ MIERUKA_PORT: '3000', MIERUKA_SIMULATOR_RATE: '60' }, logger);
    expect(lines).toEqual([]);
    warnUnknownSettings({ MIERUKA_PORTT: '3000' }, logger);
    expect(lines).toEqual([expect.objectContaining({ setting: 'MIERUKA_PORTT' })]);
  });
});
