/**
 * ClickHouse's exceptions as its HTTP interface sends them: the text `Code: N. DB::Exception:
 * … (NAME) (version V)`, the code in `X-ClickHouse-Exception-Code`, and an HTTP status chosen
 * by the exception's name (src/Server/HTTP/exceptionCodeToHTTPStatus.cpp in ClickHouse).
 */
export class ClickHouseException extends Error {
  constructor(
    readonly code: number,
    readonly type: string,
    readonly text: string,
  ) {
    super(`Code: ${code}. DB::Exception: ${text}. (${type})`);
  }
}

/** The codes this server raises itself (ClickHouse's src/Common/ErrorCodes.cpp). */
export const Codes = {
  BAD_ARGUMENTS: 36,
  NOT_IMPLEMENTED: 48,
  SYNTAX_ERROR: 62,
  AUTHENTICATION_FAILED: 516,
} as const;

const STATUS_BY_TYPE: Readonly<Record<string, number>> = {
  REQUIRED_PASSWORD: 401,
  ...named(
    403,
    'UNKNOWN_USER WRONG_PASSWORD AUTHENTICATION_FAILED SET_NON_GRANTED_ROLE ACCESS_DENIED',
  ),
  ...named(
    400,
    'BAD_ARGUMENTS CANNOT_COMPILE_REGEXP CANNOT_PARSE_TEXT CANNOT_PARSE_ESCAPE_SEQUENCE ' +
      'CANNOT_PARSE_QUOTED_STRING CANNOT_PARSE_DATE CANNOT_PARSE_DATETIME CANNOT_PARSE_NUMBER ' +
      'CANNOT_PARSE_DOMAIN_VALUE_FROM_STRING CANNOT_PARSE_IPV4 CANNOT_PARSE_IPV6 ' +
      'CANNOT_PARSE_INPUT_ASSERTION_FAILED CANNOT_PARSE_UUID DUPLICATE_COLUMN ILLEGAL_COLUMN ' +
      'UNKNOWN_ELEMENT_IN_AST UNKNOWN_TYPE_OF_AST_NODE THERE_IS_NO_COLUMN TOO_DEEP_AST ' +
      'TOO_BIG_AST UNEXPECTED_AST_STRUCTURE SYNTAX_ERROR INCORRECT_DATA TYPE_MISMATCH ' +
      'VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE',
  ),
  ...named(
    404,
    'UNKNOWN_TABLE UNKNOWN_FUNCTION UNKNOWN_IDENTIFIER UNKNOWN_TYPE UNKNOWN_STORAGE ' +
      'UNKNOWN_DATABASE UNKNOWN_SETTING UNKNOWN_DIRECTION_OF_SORTING UNKNOWN_AGGREGATE_FUNCTION ' +
      'UNKNOWN_FORMAT UNKNOWN_DATABASE_ENGINE UNKNOWN_TYPE_OF_QUERY UNKNOWN_ROLE',
  ),
  QUERY_IS_TOO_LARGE: 413,
  NOT_IMPLEMENTED: 501,
  SOCKET_TIMEOUT: 503,
  CANNOT_OPEN_FILE: 503,
  CANNOT_SCHEDULE_TASK: 503,
  HTTP_LENGTH_REQUIRED: 411,
  TIMEOUT_EXCEEDED: 408,
  UNSUPPORTED_MEDIA_TYPE: 415,
};

function named(status: number, types: string): Record<string, number> {
  return Object.fromEntries(types.split(' ').map((type) => [type, status]));
}

/** The HTTP status ClickHouse answers an exception of this name with (500 for the rest). */
export function httpStatusOf(type: string): number {
  return STATUS_BY_TYPE[type] ?? 500;
}

const CHDB_ERROR = /^Code: (\d+)\. DB::Exception: ([\s\S]*?)\.? \(([A-Z0-9_]+)\)\s*$/;

/** chDB's error (the engine's own exception text) as the exception a server would send. */
export function fromEngineError(error: unknown): ClickHouseException {
  if (error instanceof ClickHouseException) return error;
  // Not `instanceof Error`: the addon's errors come from Node's own realm, not a Jest test's.
  const message =
    typeof error === 'object' && error !== null && 'message' in error
      ? String(error.message)
      : String(error);
  const match = CHDB_ERROR.exec(message);
  if (!match) return new ClickHouseException(1001, 'STD_EXCEPTION', message);
  return new ClickHouseException(Number(match[1]), match[3]!, match[2]!);
}
