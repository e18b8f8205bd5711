import { ClickHouseException, Codes } from './exception';

/**
 * The fields of a multipart/form-data body (RFC 7578), by name. The client sends the query
 * and its `param_*` values this way when they would not fit in a URL
 * (`use_multipart_params_auto`); ClickHouse reads such fields like URL parameters. A part
 * with a file name is an external table, which this server does not take.
 */
export function readMultipart(body: Buffer, contentType: string): Map<string, string> {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) throw badForm('no boundary in the Content-Type');
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const fields = new Map<string, string>();
  let at = body.indexOf(delimiter);
  if (at < 0) throw badForm('no part');
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === '--') return fields;
    const headersEnd = body.indexOf('\r\n\r\n', at);
    const next = body.indexOf(delimiter, headersEnd);
    if (headersEnd < 0 || next < 0) throw badForm('a part is not closed');
    const headers = body.subarray(at, headersEnd).toString('utf8');
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/.exec(disposition)?.[1];
    if (name === undefined) throw badForm('a part has no name');
    if (/\bfilename=/.test(disposition)) {
      throw new ClickHouseException(
        Codes.NOT_IMPLEMENTED,
        'NOT_IMPLEMENTED',
        'External tables are not supported by this test server',
      );
    }
    // The part's value ends with the CRLF before the next delimiter.
    fields.set(name, body.subarray(headersEnd + 4, next - 2).toString('utf8'));
    at = next;
  }
}

function badForm(why: string): ClickHouseException {
  return new ClickHouseException(
    Codes.BAD_ARGUMENTS,
    'BAD_ARGUMENTS',
    `Malformed form data: ${why}`,
  );
}
