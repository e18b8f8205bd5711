import { ClickHouseException } from './exception';
import { readRequest } from './request';

const url = (query: string) => new URL(`http://clickhouse/?${query}`);
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe("the test server reads a request as ClickHouse's HTTP interface does", () => {
  it('joins the query parameter and the body with a line break; other parameters are settings', () => {
    const request = readRequest(
      'POST',
      url('query=INSERT INTO t FORMAT TSV&param_x=a%5Ctb&async_insert=1&query_id=q1&database=d'),
      { authorization: basic('u', 'p') },
      Buffer.from('1\t2\n'),
    );
    expect(request).toMatchObject({
      sql: 'INSERT INTO t FORMAT TSV\n1\t2\n',
      params: { x: 'a\\tb' },
      queryId: 'q1',
      database: 'd',
      credentials: { user: 'u', password: 'p', certificateAuth: false },
    });
    expect({ ...request.settings }).toEqual({ async_insert: '1' });
  });

  it('reads the query and parameters of a form, and drops settings a form reserves (*_format)', () => {
    const boundary = '----b';
    const part = (name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const body = Buffer.from(
      part('query', 'SELECT {ids:String}') +
        part('param_ids', 'a\\nb\r\nc') +
        part('param_constructor', '1') +
        `--${boundary}--\r\n`,
    );
    const request = readRequest(
      'POST',
      url('date_time_input_format=best_effort&use_skip_indexes=0'),
      { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
    );
    expect(request.sql).toBe('SELECT {ids:String}');
    expect({ ...request.params }).toEqual({ ids: 'a\\nb\r\nc', constructor: '1' });
    expect({ ...request.settings }).toEqual({ use_skip_indexes: '0' });
  });

  it('makes a GET read-only', () => {
    expect(readRequest('GET', url('query=SELECT 1'), {}, Buffer.alloc(0)).settings).toMatchObject({
      readonly: '2',
    });
  });

  it('refuses two ways of signing in at once, and a password beside a client certificate', () => {
    const refused = (headers: Record<string, string>, query = 'query=SELECT 1') => {
      try {
        readRequest('POST', url(query), headers, Buffer.alloc(0));
      } catch (error) {
        return error instanceof ClickHouseException ? error.type : String(error);
      }
      return 'accepted';
    };
    expect(refused({ 'x-clickhouse-user': 'u', authorization: basic('u', 'p') })).toBe(
      'AUTHENTICATION_FAILED',
    );
    expect(refused({ authorization: basic('u', 'p') }, 'user=u&query=SELECT 1')).toBe(
      'AUTHENTICATION_FAILED',
    );
    expect(
      refused({
        'x-clickhouse-user': 'u',
        'x-clickhouse-key': 'p',
        'x-clickhouse-ssl-certificate-auth': 'on',
      }),
    ).toBe('AUTHENTICATION_FAILED');
    expect(refused({ 'x-clickhouse-user': 'u', 'x-clickhouse-key': 'p' })).toBe('accepted');
  });

  it('refuses what it does not implement instead of answering wrongly', () => {
    expect(() =>
      readRequest('POST', url('session_id=s&query=SELECT 1'), {}, Buffer.alloc(0)),
    ).toThrow(/does not support sessions/);
    expect(() =>
      readRequest('POST', url('query=SELECT 1'), { 'content-encoding': 'gzip' }, Buffer.alloc(0)),
    ).toThrow(/compressed request bodies/);
  });
});
