import { canonical } from '../common/testing';
import { mapCsvRecord } from './map-record';
import { parseCsvMapping, type CsvMapping } from './mapping';
import { parseCsv } from './csv-reader';

// A call-centre history export shaped like Asterisk's cdr_csv Master.csv columns
// (https://docs.asterisk.org/Configuration/Reporting/Call-Detail-Records-CDR/CDR-Storage-Backends/
// CSV/ : accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp, lastdata, start,
// answer, end, duration, billsec, disposition, amaflags, uniqueid, userfield), with a
// wait column and a result column added by the centre's own report.
const FILE = [
  'uniqueid,start,dcontext,dstchannel,wait,billsec,disposition,userfield',
  '1764000000.6,2025-11-25 09:00:00,support,PJSIP/1001-0001,12,268,ANSWERED,sale',
  '1764000001.7,2025-11-25 09:01:00,support,,33,0,NO ANSWER,',
  '1764000002.8,2025-11-25 09:02:00,support,PJSIP/1002-0002,x,10,ANSWERED,',
  ',2025-11-25 09:03:00,support,,1,0,NO ANSWER,',
  '1764000003.9,25/11/2025,support,,1,0,NO ANSWER,',
].join('\n');

const MAPPING = {
  occurredAt: { column: 'start', format: 'YYYY-MM-DD HH:mm:ss', timeZone: 'Asia/Tokyo' },
  idColumns: ['uniqueid'],
  idPrefix: 'history',
  fields: {
    type: {
      column: 'disposition',
      values: { ANSWERED: 'call.wrapped', 'NO ANSWER': 'call.abandoned' },
    },
    callId: { column: 'uniqueid' },
    direction: { value: 'inbound' },
    queue: { column: 'dcontext' },
    agentId: {
      column: 'dstchannel',
      values: { 'PJSIP/1001-0001': 'a-1', 'PJSIP/1002-0002': 'a-2' },
    },
    waitMs: { column: 'wait', unit: 's' },
    talkMs: { column: 'billsec', unit: 's' },
    holdMs: { value: 0 },
    wrapMs: { value: 0 },
    disposition: { column: 'userfield', default: 'completed' },
  },
};

describe('parseCsvMapping', () => {
  it('fills the defaults', () => {
    const result = parseCsvMapping(MAPPING);
    expect(result).toMatchObject({ ok: true, mapping: { delimiter: ',', header: true } });
  });

  it.each<[object, string]>([
    [{ ...MAPPING, fields: { callId: { column: 'uniqueid' } } }, 'fields.type: type: is required'],
    [{ ...MAPPING, idColumns: [] }, 'idColumns: needs at least one column'],
    [
      { ...MAPPING, fields: { ...MAPPING.fields, queue: { col: 'x' } } },
      'fields.queue: must be {"column": …} or {"value": …}',
    ],
    [
      { ...MAPPING, occurredAt: { column: 'start', timeZone: 'Mars/Olympus' } },
      'occurredAt.timeZone: unknown time zone "Mars/Olympus"',
    ],
    [{ ...MAPPING, delimiter: ';;' }, 'delimiter: must be one character'],
  ])('refuses %j', (raw, reason) => {
    expect(parseCsvMapping(raw)).toEqual({ ok: false, reason });
  });
});

describe('mapCsvRecord', () => {
  const result = parseCsvMapping(MAPPING);
  const mapping = (result as { mapping: CsvMapping }).mapping;
  const [header = [], ...rows] = parseCsv(FILE);
  const base = {
    tenant: 'default',
    source: 'csv',
    direction: 'inbound',
    queue: 'support',
  } as const;

  it.each<[number, readonly object[]]>([
    [
      0,
      [
        {
          ...base,
          id: 'history:1764000000.6:call.wrapped',
          type: 'call.wrapped',
          occurredAt: '2025-11-25T00:00:00.000Z',
          callId: '1764000000.6',
          agentId: 'a-1',
          talkMs: 268000,
          holdMs: 0,
          wrapMs: 0,
          disposition: 'sale',
        },
      ],
    ],
    [
      1,
      [
        {
          ...base,
          id: 'history:1764000001.7:call.abandoned',
          type: 'call.abandoned',
          occurredAt: '2025-11-25T00:01:00.000Z',
          callId: '1764000001.7',
          waitMs: 33000,
        },
      ],
    ],
  ])('maps row %i', (row, expected) => {
    const mapped = mapCsvRecord(mapping, header, rows[row]!);
    expect(mapped.rejects).toEqual([]);
    // Fields mapped for another type (waitMs on a wrapped call) are left out, as ingest would.
    expect(canonical(mapped.events)).toEqual(expected);
  });

  it.each<[number, string]>([
    [2, 'waitMs: "x" is not a number'],
    [3, 'id: column "uniqueid" is empty'],
    [4, 'occurredAt: "25/11/2025" does not match YYYY-MM-DD HH:mm:ss'],
  ])('rejects row %i', (row, reason) => {
    const mapped = mapCsvRecord(mapping, header, rows[row]!);
    expect(mapped).toEqual({
      events: [],
      rejects: [{ adapter: 'csv', reason, raw: rows[row]!.join(',') }],
    });
  });

  it('rejects a row the canonical schema refuses, naming the field', () => {
    const noAgent = [...rows[0]!];
    noAgent[3] = '';
    expect(mapCsvRecord(mapping, header, noAgent).rejects).toEqual([
      { adapter: 'csv', reason: 'agentId: is required', raw: noAgent.join(',') },
    ]);
  });
});

describe('mapCsvRecord: a dialer log and list loads', () => {
  const check = parseCsvMapping({
    occurredAt: { column: 'at', format: 'iso' },
    idColumns: ['row'],
    dialed: true,
    fields: {
      type: { column: 'result', values: { busy: 'call.failed', ok: 'call.connected' } },
      outcome: { column: 'result', values: { busy: 'busy' } },
      callId: { column: 'row' },
      direction: { value: 'outbound' },
      campaign: { value: 'c' },
      agentId: { column: 'agent' },
      listId: { value: 'L1' },
      entryId: { column: 'entry' },
      count: { column: 'n' },
    },
  });
  const mapping = (check as { mapping: CsvMapping }).mapping;
  const header = ['row', 'at', 'result', 'agent', 'entry', 'n'];
  const map = (cells: string) => mapCsvRecord(mapping, header, cells.split(','));

  it('gives a failed or connected dial its call.dialed first', () => {
    expect(map('r1,2026-12-01T09:00:00Z,busy,,e1,').events.map((e) => e.type)).toEqual([
      'call.dialed',
      'call.failed',
    ]);
    expect(map('r2,2026-12-01T09:00:00Z,ok,a1,e2,').events.map((e) => e.id)).toEqual([
      'csv:r2:call.dialed',
      'csv:r2:call.connected',
    ]);
  });

  it('refuses a count that is not a whole number', () => {
    const loads = parseCsvMapping({
      ...mapping,
      dialed: false,
      fields: {
        type: { value: 'list.loaded' },
        listId: { value: 'L1' },
        campaign: { value: 'c' },
        count: { column: 'n' },
      },
    });
    const m = (loads as { mapping: CsvMapping }).mapping;
    expect(
      mapCsvRecord(m, header, ['r3', '2026-12-01T09:00:00Z', '', '', '', '12.5']).rejects,
    ).toEqual([
      {
        adapter: 'csv',
        reason: 'count: "12.5" is not a whole number',
        raw: 'r3,2026-12-01T09:00:00Z,,,,12.5',
      },
    ]);
    expect(
      mapCsvRecord(m, header, ['r4', '2026-12-01T09:00:00Z', '', '', '', '40']).events,
    ).toMatchObject([{ type: 'list.loaded', listId: 'L1', count: 40 }]);
  });
});
