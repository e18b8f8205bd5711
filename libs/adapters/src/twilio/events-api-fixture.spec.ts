import { firstOfEachId, fixtureText, floorAt } from '../common/fixture-testing';
import { canonical } from '../common/testing';
import { readEventResources, stepEventResources } from './events-api';
import { initialTaskRouterState } from './taskrouter';

/**
 * Twilio's own TaskRouter Event resources, as its MIT-licensed twilio-python SDK prints them
 * (tests/fixtures/adapters/twilio, `twilio-python-test_event.*.json`, README there): a fetch,
 * a list page of the same event, and an empty page. Untidy as published: the description says
 * "updated to Idle Activity" while `worker_activity_name` is `Offline`, the type is
 * `worker.activity`, and `event_date_ms` names another day (2001) than `event_date` (2015).
 */
const imported = (file: string) => {
  const read = readEventResources(fixtureText('twilio', file));
  const step = stepEventResources(initialTaskRouterState, read.resources);
  return { read, step, events: canonical(step.events) };
};
const CHANGED_AT = '2015-02-07T00:32:41.000Z';

describe("Twilio's published Event resource (twilio-python, fetch)", () => {
  const { read, step, events } = imported('twilio-python-test_event.fetch.json');

  it('reads the one resource without a reject', () => {
    expect(read.rejects).toEqual([]);
    expect(read.resources.map((r) => [r.sid, r.eventType])).toEqual([
      ['EVaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'worker.activity.update'],
    ]);
    expect(step.rejects).toEqual([]);
  });

  it('logs JustinWorker out at event_date (the activity field, not the description; not event_date_ms)', () => {
    expect(events).toEqual([
      expect.objectContaining({
        type: 'agent.state',
        agentId: 'JustinWorker',
        state: 'logged_out',
        occurredAt: CHANGED_AT,
        source: 'twilio',
        tenant: 'default',
      }),
    ]);
  });

  it('leaves JustinWorker off the wallboard grid a second later', () => {
    const view = floorAt(events, Date.parse(CHANGED_AT) + 1000);
    expect(view.agents).toEqual({}); // the grid lists agents not logged out only
  });
});

describe("Twilio's published Events list pages (twilio-python, read)", () => {
  it('a full page holds the same event, stored once with the same id as the fetch', () => {
    const page = imported('twilio-python-test_event.read-full.json');
    const fetched = imported('twilio-python-test_event.fetch.json');
    expect(page.read.rejects).toEqual([]);
    expect(firstOfEachId([...fetched.events, ...page.events])).toEqual(fetched.events);
  });

  it('an empty page reads as nothing, no reject', () => {
    const empty = imported('twilio-python-test_event.read-empty.json');
    expect([empty.read.resources, empty.read.rejects, empty.events]).toEqual([[], [], []]);
  });
});
