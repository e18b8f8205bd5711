import {
  BadRequestException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { Readable, Transform } from 'node:stream';
import { TextDecoder } from 'node:util';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import {
  BatchFormatError,
  BatchTooLargeError,
  ItemScanner,
  type LocatedBatch,
} from '@mieruka/contracts';

/** An ingest body as read: its events located, or its text and why its JSON is broken. */
export type EventsBody =
  { readonly located: LocatedBatch } | { readonly text: string; readonly broken: BatchFormatError };

export interface BodyLimits {
  /** Bytes of the body, decompressed. */
  readonly maxBytes: number;
  readonly maxItems: number;
}

const DECOMPRESS: Record<string, (() => Transform) | undefined> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * Reads an ingest body — any content type: it may be NDJSON — and finds its events while it
 * arrives (ItemScanner). A body past either limit is refused at once (413): the rest of it is
 * still received, so the sender reads the answer, but thrown away, never kept or parsed. A
 * body whose JSON structure is broken is read whole, to be kept as a dead letter.
 */
export function readEventsBody(request: IncomingMessage, limits: BodyLimits): Promise<EventsBody> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: EventsBody | Error) => {
      if (settled) return;
      settled = true;
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const encoding = (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    const decompress = DECOMPRESS[encoding];
    let decoder: TextDecoder | undefined;
    try {
      decoder = new TextDecoder(charsetOf(request.headers['content-type']));
    } catch {
      // An unknown charset: answered below.
    }
    if ((encoding !== 'identity' && !decompress) || !decoder) {
      request.resume();
      settle(
        new UnsupportedMediaTypeException(
          decoder
            ? `body: content-encoding ${encoding} is not read (gzip, deflate and br are)`
            : 'body: that charset is not read; send UTF-8',
        ),
      );
      return;
    }
    const text = decoder;
    const source: Readable = decompress ? request.pipe(decompress()) : request;
    const scanner = new ItemScanner(limits.maxItems);
    let broken: BatchFormatError | undefined;
    let afterBreak = ''; // text received once the scanner stopped at a broken structure
    let bytes = 0;

    const take = (chunk: string) => {
      if (broken) {
        afterBreak += chunk;
        return;
      }
      try {
        scanner.feed(chunk);
      } catch (error) {
        if (error instanceof BatchTooLargeError)
          settle(new PayloadTooLargeException(error.message));
        else if (error instanceof BatchFormatError) broken = error;
        else throw error;
      }
    };
    source.on('data', (chunk: Buffer) => {
      if (settled) return; // refused: received and thrown away
      bytes += chunk.length;
      if (bytes > limits.maxBytes) {
        settle(
          new PayloadTooLargeException(`body: larger than the limit of ${limits.maxBytes} bytes`),
        );
        return;
      }
      take(text.decode(chunk, { stream: true }));
    });
    source.on('error', (error: Error) => {
      request.resume();
      settle(new BadRequestException(`body: ${error.message}`));
    });
    request.once('close', () => {
      if (!request.complete) settle(new BadRequestException('body: the sender stopped sending'));
    });
    source.on('end', () => {
      if (settled) return;
      take(text.decode());
      if (settled) return;
      try {
        if (!broken) return settle({ located: scanner.finish() });
      } catch (error) {
        if (!(error instanceof BatchFormatError)) return settle(error as Error);
        broken = error;
      }
      settle({ text: scanner.text + afterBreak, broken });
    });
  });
}

/** The charset a Content-Type names (`utf-8` when none). */
function charsetOf(contentType: string | undefined): string {
  const match = /;\s*charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? '');
  return match?.[1] ?? 'utf-8';
}
