import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultTenantSettings, type CallEvent } from '@mieruka/contracts';
import { createProjection, evolve, snapshot } from '@mieruka/kpi';
import { canonical } from '../common/testing';
import { parseCsv } from './csv-reader';
import { mapCsvRecord } from './map-record';
import { parseCsvMapping } from './mapping';

/**
 * A VICIdial call log (vicidial_log's columns, the system's own status codes) and list loads,
 * through the mapping files a centre would use (tests/fixtures/adapters/vicidial, README):
 * the canonical events, then the outbound numbers the wallboard shows from them.
 */
const DIR = join(__dirname, '..', '..', '..', '..', 'tests', 'fixtures', 'adapters', 'vicidial');

function importFile(csv: string, mappingFile: string) {
  const check = parseCsvMapping(JSON.parse(readFileSync(join(DIR, mappingFile), 'utf8')));
  if (!check.ok) throw new Error(check.reason);
  const [header, ...rows] = parseCsv(readFileSync(join(DIR, csv), 'utf8'));
  const results = rows.map((row) => mapCsvRecord(check.mapping, header!, row));
  const events = results.flatMap((r) => r.events);
  return { events: canonical(events), rejects: results.flatMap((r) => r.rejects) };
}

const log = importFile('vicidial_log.csv', 'vicidial_log.mapping.json');
const loads = importFile('list-loads.csv', 'list-loads.mapping.json');

describe('a VICIdial call log through the CSV import', () => {
  it('gives each dial its call.dialed, then how it ended, with list and lead', () => {
    const byCall = (uniqueid: string) =>
      log.events.filter((e) => 'callId' in e && e.callId === uniqueid);
    expect(byCall('1796083205.101')).toEqual([
      {
        id: 'vicidial:1796083205.101:call.dialed',
        type: 'call.dialed',
        occurredAt: '2026-12-01T00:00:05.000Z',
        tenant: 'default',
        source: 'csv',
        callId: '1796083205.101',
        direction: 'outbound',
        campaign: 'TELEAPO',
        listId: '1001',
        entryId: '101',
      },
      {
        id: 'vicidial:1796083205.101:call.failed',
        type: 'call.failed',
        occurredAt: '2026-12-01T00:00:05.000Z',
        tenant: 'default',
        source: 'csv',
        callId: '1796083205.101',
        direction: 'outbound',
        campaign: 'TELEAPO',
        outcome: 'no_answer',
        listId: '1001',
        entryId: '101',
      },
    ]);
    // A disposition the agent chose on a call that reached them: a connect, by that agent.
    expect(byCall('1796083380.107').map((e) => [e.type, e.agentId])).toEqual([
      ['call.dialed', 'tanaka'],
      ['call.connected', 'tanaka'],
    ]);
  });

  it('maps every VICIdial status of the log to its outcome', () => {
    const outcomes = log.events.flatMap((e) =>
      e.type === 'call.failed' ? [[e.callId.split('.')[1], e.outcome, e.agentId ?? null]] : [],
    );
    expect(outcomes).toEqual([
      ['101', 'no_answer', null], // NA
      ['102', 'busy', 'tanaka'], // B, set by the agent
      ['103', 'invalid_number', 'tanaka'], // DC
      ['104', 'invalid_number', null], // ADC
      ['105', 'answering_machine', null], // AA
      ['106', 'fax', null], // AFAX
      ['109', 'other', null], // DROP: answered, no agent free
      ['110', 'no_answer', null], // NA, the re-dial of lead 101
      ['112', 'answering_machine', 'suzuki'], // A
    ]);
  });

  it('sends a call still in progress (INCALL) to the dead letters, with its row', () => {
    expect(log.rejects).toEqual([
      {
        adapter: 'csv',
        reason: 'type: unknown event type INCALL',
        raw: expect.stringContaining('1796083740.113,203,1002,TELEAPO') as unknown,
      },
    ]);
  });

  it('registers each list load', () => {
    expect(loads.rejects).toEqual([]);
    expect(loads.events.map((e) => (e.type === 'list.loaded' ? [e.listId, e.count] : []))).toEqual([
      ['1001', 50],
      ['1002', 20],
      ['1001', 10],
    ]);
  });

  // By hand, campaign TELEAPO at 13:00 Tokyo: 12 dials (rows 101–112), 9 failed — no answer 2
  // (NA twice), busy 1, invalid 2 (DC, ADC), machine 2 (AA, A), fax 1, other 1 (DROP) — and 3
  // connected (SALE, NI, CALLBK). List 1001: 50 + 10 registered, leads 101–109 worked (9; 101
  // twice, 10 attempts), 107 and 108 contacted; list 1002: 20 registered, 201 and 202 worked,
  // 201 contacted.
  it('shows the floor its dial outcomes and list progress', () => {
    const projection = createProjection(defaultTenantSettings());
    const all: CallEvent[] = [...loads.events, ...log.events];
    for (const event of all) evolve(projection, event);
    const view = snapshot(projection, Date.parse('2026-12-01T13:00:00+09:00'), 'campaign:TELEAPO');
    expect(view.windows.today.dialed).toBe(12);
    expect(view.windows.today.failedDials).toBe(9);
    expect(view.windows.today.dialOutcomes).toEqual({
      no_answer: 2,
      busy: 1,
      invalid_number: 2,
      answering_machine: 2,
      fax: 1,
      other: 1,
      connected: 3,
    });
    expect(view.lists).toEqual([
      {
        listId: '1001',
        campaign: 'TELEAPO',
        registered: 60,
        worked: 9,
        attempts: 10,
        contacted: 2,
        progress: 9 / 60,
        contactRate: 2 / 9,
        remaining: 51,
      },
      {
        listId: '1002',
        campaign: 'TELEAPO',
        registered: 20,
        worked: 2,
        attempts: 2,
        contacted: 1,
        progress: 0.1,
        contactRate: 0.5,
        remaining: 18,
      },
    ]);
  });
});
