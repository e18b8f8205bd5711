import type { IngestResponse } from '@mieruka/contracts';

/** Line numbers kept per reason in the summary (the count says how many there were). */
const LINES_SHOWN = 10;

export interface ImportSummary {
  readonly file: string;
  /** Lines read by this run: from (1-based) … to; a resumed run starts after the last one. */
  readonly lines: { readonly from: number; readonly to: number };
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
  /**
   * queue_log: offers worked out from a connect or exit whose ENTERQUEUE is not in the file
   * (a rotated file, a day that starts mid-call), so offered never falls below answered.
   */
  readonly inferredOffers: number;
  readonly reasons: readonly {
    readonly reason: string;
    readonly count: number;
    readonly lines: readonly number[];
  }[];
}

/** Counts what the mapping and the API answered, with each reject's reason and line. */
export class ImportTally {
  accepted = 0;
  duplicates = 0;
  rejected = 0;
  inferredOffers = 0;
  private readonly reasons = new Map<string, { count: number; lines: number[] }>();

  reject(reason: string, line: number): void {
    this.rejected += 1;
    const entry = this.reasons.get(reason) ?? { count: 0, lines: [] };
    entry.count += 1;
    if (entry.lines.length < LINES_SHOWN) entry.lines.push(line);
    this.reasons.set(reason, entry);
  }

  /** The API's answer for a batch; `lines[i]` is the file line of the batch's event i. */
  answered(answer: IngestResponse, lines: readonly number[]): void {
    this.accepted += answer.accepted;
    this.duplicates += answer.duplicates;
    for (const result of answer.results) {
      if (result.status === 'rejected') this.reject(result.reason, lines[result.index] ?? 0);
    }
  }

  summary(file: string, from: number, to: number): ImportSummary {
    return {
      file,
      lines: { from, to },
      accepted: this.accepted,
      duplicates: this.duplicates,
      rejected: this.rejected,
      inferredOffers: this.inferredOffers,
      reasons: [...this.reasons]
        .sort(([, a], [, b]) => b.count - a.count)
        .map(([reason, r]) => ({ reason, count: r.count, lines: r.lines })),
    };
  }
}

/** The summary as a person reads it. */
export function describeSummary(s: ImportSummary, posted: boolean): string {
  const read = s.lines.to >= s.lines.from ? `lines ${s.lines.from}–${s.lines.to}` : 'no new lines';
  const out = [
    `${s.file}: ${read}`,
    posted
      ? `accepted ${s.accepted}, duplicates ${s.duplicates}, rejected ${s.rejected}`
      : `printed ${s.accepted} events, rejected ${s.rejected}`,
  ];
  if (s.inferredOffers > 0) {
    out.push(
      `  ${s.inferredOffers} × a call answered or abandoned whose ENTERQUEUE is not in this file (a rotated file?): its offer was worked out from the wait`,
    );
  }
  for (const r of s.reasons) {
    const more = r.count > r.lines.length ? ', …' : '';
    out.push(`  ${r.count} × ${r.reason} (line ${r.lines.join(', ')}${more})`);
  }
  return out.join('\n') + '\n';
}
