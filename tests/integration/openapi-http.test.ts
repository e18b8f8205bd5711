import { startTestApp, type TestApp } from '../support/test-app';

interface Operation {
  summary?: string;
  parameters?: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { schema?: unknown; content?: unknown }>;
}
interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

/** The API describes itself, from the same schemas its handlers validate with. */
describe('OpenAPI at /api/docs', () => {
  let app: TestApp;
  let document: OpenApi;

  beforeAll(async () => {
    app = await startTestApp({ at: '2026-11-24T10:00:00.000+09:00' });
    const response = await fetch(`${app.url}/api/docs/openapi.json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as OpenApi;
  });
  afterAll(() => app.close());

  it('documents every route with a summary', () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ route: `${method} ${path}`, op })),
    );
    expect(operations.length).toBeGreaterThan(10);
    const undocumented = operations.filter(({ op }) => !op.summary).map(({ route }) => route);
    expect(undocumented).toEqual([]);
  });

  it('describes query parameters and bodies from the zod schemas', () => {
    const history = document.paths['/api/v1/kpis']!['get']!;
    const groupBy = history.parameters!.find((p) => p.name === 'groupBy')!;
    expect(groupBy).toMatchObject({ in: 'query', required: true });
    expect(groupBy.schema['enum']).toEqual([
      '15m',
      'hour',
      'day',
      'queue',
      'campaign',
      'team',
      'agent',
      'weekdayHour',
    ]);
    expect(history.parameters!.find((p) => p.name === 'tenant')).toMatchObject({ required: false });
    const login = document.paths['/api/v1/auth/login']!['post']!;
    const body = login.requestBody!.content['application/json']!.schema;
    expect(body).toMatchObject({ type: 'object', required: ['username', 'password'] });
  });

  it('describes the canonical event the ingest takes, order lifecycle types included', () => {
    const ingest = document.paths['/api/v1/events']!['post']!;
    const body = JSON.stringify(ingest.requestBody!.content['application/json']!.schema);
    for (const type of [
      'call.offered',
      'order.confirmed',
      'order.paid',
      'order.held',
      'order.shipped',
      'order.returned',
      'list.loaded',
      'call.failed',
    ]) {
      expect(body).toContain(`"${type}"`);
    }
    expect(body).toContain('"tracking"');
    for (const field of ['"listId"', '"entryId"', '"outcome"', '"answering_machine"']) {
      expect(body).toContain(field);
    }
  });

  it('serves the browsable page', async () => {
    const page = await fetch(`${app.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger');
  });
});
