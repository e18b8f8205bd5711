import { io } from 'socket.io-client';
import { LIVE_NAMESPACE, type JoinAnswer } from '@mieruka/contracts';
import { TEST_KEY, startTestApp, type TestApp } from '../support/test-app';

const AT = '2026-11-24T10:07:00.000+09:00';

/** Reads one sample of the Prometheus text, 0 when the series does not exist yet. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

const offered = (id: string) =>
  JSON.stringify({
    id,
    type: 'call.offered',
    occurredAt: '2026-11-24T10:00:00.000+09:00',
    source: 'test',
    callId: `c-${id}`,
    direction: 'inbound',
    queue: 'support',
  });

/** /metrics as Prometheus scrapes it, moving as events flow and screens connect. */
describe('GET /metrics', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ at: AT });
  });
  afterAll(() => app.close());

  const scrape = async () => {
    const response = await fetch(`${app.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return response.text();
  };

  it('counts ingested, rejected and stored events, and the live sockets', async () => {
    const before = await scrape();
    expect(before).toContain('# TYPE mieruka_ingest_events_total counter');
    expect(before).toContain('mieruka_nodejs_eventloop_lag_seconds');

    const response = await fetch(`${app.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_KEY}` },
      body: [offered('m1'), offered('m2'), offered('m1'), '{"type":"nope"}'].join('\n'),
    });
    expect(response.status).toBe(200);

    const client = io(`${app.url}${LIVE_NAMESPACE}`, {
      transports: ['websocket'],
      reconnection: false,
      auth: { token: await app.adminToken() },
    });
    try {
      const joined = (await client.timeout(5_000).emitWithAck('join', {})) as JoinAnswer;
      expect(joined.ok).toBe(true);
      const after = await scrape();
      const moved = (series: string) => sample(after, series) - sample(before, series);
      expect(moved('mieruka_ingest_events_total{transport="http",result="accepted"}')).toBe(2);
      expect(moved('mieruka_ingest_events_total{transport="http",result="duplicate"}')).toBe(1);
      expect(moved('mieruka_ingest_events_total{transport="http",result="rejected"}')).toBe(1);
      expect(moved('mieruka_events_stored_total')).toBe(2);
      expect(moved('mieruka_ingest_batch_seconds_count{transport="http"}')).toBe(1);
      expect(moved('mieruka_store_insert_seconds_count{transport="http"}')).toBe(1);
      expect(moved('mieruka_dead_letters_total{transport="http"}')).toBe(1);
      expect(sample(after, 'mieruka_sockets_connected')).toBe(1);
      expect(sample(after, 'mieruka_live_rooms')).toBe(1);
    } finally {
      client.close();
    }
  });
});
