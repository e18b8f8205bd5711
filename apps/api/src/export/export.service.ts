import { Inject, Injectable } from '@nestjs/common';
import { EventExport, type StoreClient, type StoredEventRange } from '@mieruka/store';
import { STORE_CLIENT } from '../store/store.module';

/** The stored events of a range and scope, as `mieruka kpi` reads them (libs/store). */
@Injectable()
export class ExportService {
  private readonly exports: EventExport;

  constructor(@Inject(STORE_CLIENT) store: StoreClient) {
    this.exports = new EventExport(store);
  }

  /** How many events, and their NDJSON in chunks of a page each (every line ends in \n). */
  async open(range: StoredEventRange): Promise<{ total: number; chunks: AsyncIterable<string> }> {
    const { total, pages } = await this.exports.open(range);
    return { total, chunks: ndjsonChunks(pages) };
  }
}

async function* ndjsonChunks(pages: AsyncIterable<string[]>): AsyncGenerator<string> {
  for await (const lines of pages) if (lines.length > 0) yield `${lines.join('\n')}\n`;
}
