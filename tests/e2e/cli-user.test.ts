import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, healthy, repoRoot, startApiProcess } from '../support/processes';
import { login } from '../support/test-app';

jest.setTimeout(120_000);

/** Runs `mieruka user add …` with the password on standard input, as a script would. */
function userAdd(
  dataDir: string,
  args: string[],
  password: string,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/mieruka.js', 'user', 'add', ...args], {
      cwd: repoRoot,
      env: { ...process.env, MIERUKA_DATA_DIR: dataDir },
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end(`${password}\n`);
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

/** The first admin from the command line, before the API ever ran: no default password. */
describe('npx mieruka user add', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mieruka-cli-user-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('adds an admin the API then signs in, and explains what it refuses', async () => {
    const added = await userAdd(
      dataDir,
      ['root', '--tenant', '*', '--role', 'admin'],
      'first-admin-password',
    );
    expect(added.code).toBe(0);
    expect(added.stderr).toContain('added admin root (tenant *)');
    const again = await userAdd(
      dataDir,
      ['root', '--tenant', '*', '--role', 'admin'],
      'first-admin-password',
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('user root exists already');
    const short = await userAdd(
      dataDir,
      ['kimura', '--tenant', 'osaka', '--role', 'manager'],
      'short',
    );
    expect(short.stderr).toContain('password: must be at least 12 characters');
    const badRole = await userAdd(dataDir, ['kimura', '--tenant', 'osaka', '--role', 'root'], 'x');
    expect(badRole.stderr).toContain('expected admin, manager or supervisor');
    const limited = await userAdd(
      dataDir,
      [
        'ito',
        '--tenant',
        'osaka',
        '--role',
        'supervisor',
        '--scope',
        'team:blue',
        '--scope',
        'queue:orders',
      ],
      'a-supervisor-password',
    );
    expect(limited.stderr).toContain(
      'added supervisor ito (tenant osaka; only team:blue, queue:orders)',
    );
    const limitedManager = await userAdd(
      dataDir,
      ['sato', '--tenant', 'osaka', '--role', 'manager', '--scope', 'team:blue'],
      'a-manager-password',
    );
    expect(limitedManager.stderr).toContain('scopes: only a supervisor can be limited to scopes');

    const port = await freePort();
    const api = startApiProcess({
      MIERUKA_PORT: String(port),
      MIERUKA_HOST: '127.0.0.1',
      MIERUKA_DATA_DIR: dataDir,
      MIERUKA_SIMULATOR: 'off',
      MIERUKA_LOG_LEVEL: 'warn',
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      await healthy(base, api);
      const session = await login(base, 'root', 'first-admin-password');
      expect(session.user).toEqual({ username: 'root', tenant: '*', role: 'admin', scopes: [] });
      const ito = await login(base, 'ito', 'a-supervisor-password');
      expect(ito.user.scopes).toEqual(['team:blue', 'queue:orders']);
    } finally {
      await api.stop();
    }
  });
});
