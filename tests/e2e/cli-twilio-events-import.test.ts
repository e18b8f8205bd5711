import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CallEvent } from '@mieruka/contracts';
import { TEST_KEY, startTestApp } from '../support/test-app';

const run = promisify(execFile);
const bin = join(__dirname, '..', '..', 'bin', 'mieruka.js');
const fixtures = join(__dirname, '..', 'fixtures', 'adapters', 'twilio');
const work = mkdtempSync(join(tmpdir(), 'mieruka-twilio-events-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `mieruka import --format twilio-events` of a file, printed (no API needed). */
async function imported(text: string): Promise<{ events: CallEvent[]; stderr: string }> {
  const file = join(work, 'events.json');
  writeFileSync(file, text);
  const { stdout, stderr } = await run(process.execPath, [
    bin,
    'import',
    file,
    '--format',
    'twilio-events',
  ]);
  const lines = stdout.split('\n').filter((l) => l !== '');
  return { events: lines.map((l) => JSON.parse(l) as CallEvent), stderr };
}
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');

// Twilio's own published Event resource (twilio-python's SDK tests; README there): a backfill
// of it logs JustinWorker out at its event_date, and the same event on a list page and a
// fetch counts once; an unreadable value is a reject the summary counts.
describe('Twilio TaskRouter Event resources through mieruka import', () => {
  it('logs JustinWorker out at event_date, once for a page and a fetch of the same event', async () => {
    const { events, stderr } = await imported(
      `${fixture('twilio-python-test_event.read-full.json')}\n${fixture('twilio-python-test_event.fetch.json')}\n{oops}\n`,
    );
    expect(events).toEqual([
      expect.objectContaining({
        type: 'agent.state',
        agentId: 'JustinWorker',
        state: 'logged_out',
        occurredAt: '2015-02-07T00:32:41.000Z',
        source: 'twilio',
      }),
    ]);
    expect(stderr).toContain('printed 1 events, rejected 1');
  }, 60_000);

  it('posts it to a running API, the unreadable value a dead letter with its text; a rerun counts it a duplicate', async () => {
    const app = await startTestApp({ at: '2015-02-07T00:33:00.000Z' });
    try {
      const file = join(work, 'posted.json');
      writeFileSync(file, `${fixture('twilio-python-test_event.read-full.json')}\n{oops}\n`);
      const post = async () => {
        const { stdout } = await run(process.execPath, [
          bin,
          'import',
          file,
          '--format',
          'twilio-events',
          '--post',
          app.url,
          '--key',
          TEST_KEY,
        ]);
        return JSON.parse(stdout) as { accepted: number; duplicates: number; rejected: number };
      };
      expect(await post()).toMatchObject({ accepted: 1, duplicates: 0, rejected: 1 });
      expect(await post()).toMatchObject({ accepted: 0, duplicates: 1, rejected: 1 });
      const letters = (await (
        await fetch(`${app.url}/api/v1/dead-letters?limit=100`, {
          headers: { authorization: `Bearer ${TEST_KEY}` },
        })
      ).json()) as { source: string; reason: string; payload: string }[];
      expect(letters.map((l) => [l.source, l.reason, l.payload])).toEqual([
        ['twilio', `${file}: value 2: not JSON`, '{oops}'],
        ['twilio', `${file}: value 2: not JSON`, '{oops}'],
      ]);
    } finally {
      await app.close();
    }
  }, 120_000);
});
