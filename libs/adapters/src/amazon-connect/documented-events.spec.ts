import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultTenantSettings } from '@mieruka/contracts';
import { createFloor, floorView, foldFloor } from '@mieruka/kpi';
import { initialAmazonConnectState, stepAmazonConnect } from './delivery';

/**
 * Amazon Connect's documented sample agent event (tests/fixtures/adapters/amazon-connect, with
 * where it came from): no record of a real instance under a licence that allows a copy was
 * found, so this is the vendor's example, marked as such.
 */
const dir = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'tests',
  'fixtures',
  'adapters',
  'amazon-connect',
);
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

describe('Amazon Connect’s documented sample agent event', () => {
  it('as printed (comments, a missing "},") is a dead letter, not a crash or a silent drop', () => {
    const text = read('aws-docs-sample-agent-event.as-printed.txt');
    const step = stepAmazonConnect(initialAmazonConnectState, text);
    expect(step.events).toEqual([]);
    expect(step.rejects).toEqual([
      { adapter: 'amazon-connect', reason: 'record: not JSON', raw: text },
    ]);
  });

  it('as JSON: a heartbeat of an Offline agent with chat and voice slots and an unnamed agent queue shows it logged out', () => {
    const step = stepAmazonConnect(
      initialAmazonConnectState,
      read('aws-docs-sample-agent-event.json'),
    );
    expect(step.rejects).toEqual([]);
    // The first event seen of the agent says where it stands, heartbeat or not.
    expect(step.events).toEqual([
      expect.objectContaining({
        type: 'agent.state',
        agentId: 'aestest',
        state: 'logged_out',
        occurredAt: '2019-08-13T20:58:44.031Z',
      }),
    ]);
    // The same heartbeat again (Connect sends one every 120 s while nothing changes): nothing.
    const again = stepAmazonConnect(step.state, read('aws-docs-sample-agent-event.json'));
    expect(again.events).toEqual([]);
    // Logged out agents are not on the grid.
    const floor = createFloor(defaultTenantSettings('default'));
    for (const e of step.events) foldFloor(floor, e);
    expect(floorView(floor, Date.parse('2019-08-13T21:00:00Z')).agents).toEqual({});
  });
});
