import { Writable } from 'node:stream';
import { Logger, PinoLogger } from 'nestjs-pino';

/**
 * The app's logger (nestjs-pino over pino) writing its JSON lines into `lines`, for a spec that
 * checks what a line says and that no secret is in it. One per spec file: nestjs-pino keeps
 * the first pino instance made in a process.
 */
export function pinoLines(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return {
    logger: new Logger(new PinoLogger({ pinoHttp: [{ level: 'info' }, stream] }), {}),
    lines,
  };
}
