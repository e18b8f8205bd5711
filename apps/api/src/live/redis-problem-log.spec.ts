import { pinoLines } from '../../../../tests/support/pino-lines';
import { logRedisProblem } from './redis-problem-log';

const { logger, lines } = pinoLines();

beforeEach(() => lines.splice(0));

describe('logRedisProblem', () => {
  it('is needed: the old call `warn({ err }, sentence)` loses the sentence into `context`', () => {
    logger.warn({ err: new Error('ECONNREFUSED') }, 'redis: connection problem');
    expect(lines).toEqual([
      expect.objectContaining({ context: 'redis: connection problem', msg: 'ECONNREFUSED' }),
    ]);
  });

  it("keeps the sentence as the line's message and the error beside it", () => {
    logRedisProblem(logger, new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        context: 'Redis',
        msg: 'redis: connection problem (the client reconnects by itself)',
        err: expect.objectContaining({
          type: 'Error',
          message: 'connect ECONNREFUSED 127.0.0.1:6379',
        }) as unknown,
      }),
    ]);
  });

  it("never writes a Redis URL's password", () => {
    logRedisProblem(
      logger,
      new Error('cannot reach redis://default:s3cr3t-pass@cache.internal:6379/0'),
    );
    logRedisProblem(logger, 'lost rediss://:another-s3cr3t@cache:6380');
    const written = JSON.stringify(lines);
    expect(written).not.toContain('s3cr3t');
    expect(lines.map((line) => (line.err as { message: string }).message)).toEqual([
      'cannot reach redis://[redacted]@cache.internal:6379/0',
      'lost rediss://[redacted]@cache:6380',
    ]);
  });
});
