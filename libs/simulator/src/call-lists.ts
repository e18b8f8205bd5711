/**
 * An outbound campaign's call lists (名簿, docs/kpis.md, Outbound lists): the dialer registers a
 * list (`list.loaded`), works through its entries, re-dials the unreached ones after a while (a
 * few attempts at most) and loads the next list when the fresh entries run out. Which entry is
 * next follows from what happened, not from chance; how a dial ends is drawn by the simulator.
 */
import type { DialOutcome } from '@mieruka/contracts';
import type { LocalDate } from './local-time';

/** A campaign's lists (profile.ts: `CampaignProfile.list`). */
export interface ListProfile {
  /** Entries per list (登録数). */
  readonly size: number;
  /** Dials of one entry at most, the first included. */
  readonly maxAttempts: number;
  /** Wait before an unreached entry is dialled again (the dialer's re-dial interval). */
  readonly redialAfterMs: number;
  /** Share of entries whose number is dead (現アナ, `invalid_number`). */
  readonly invalidShare: number;
  /** Share of entries that answer with a fax tone. */
  readonly faxShare: number;
}

/** How a dial to a live number that did not connect ended: mostly nobody picked up. */
export const MISSED_OUTCOMES: Readonly<Partial<Record<DialOutcome, number>>> = {
  no_answer: 0.6,
  answering_machine: 0.2,
  busy: 0.13,
  rejected: 0.04,
  other: 0.03,
};

/** Dead numbers, faxes and refusals are not dialled again; the rest are, up to the limit. */
const FINAL: ReadonlySet<DialOutcome> = new Set(['invalid_number', 'fax', 'rejected']);

export interface ListDial {
  readonly listId: string;
  readonly entryId: string;
  /** 1 for an entry's first dial. */
  readonly attempt: number;
}

interface Redial extends ListDial {
  readonly due: number;
}

export class CampaignLists {
  private loaded = 0;
  private current: { readonly listId: string; next: number } | undefined;
  /** Unreached entries in the order they become due (one interval for all: first in, first due). */
  private redials: Redial[] = [];
  private redialHead = 0;

  constructor(
    private readonly campaign: string,
    private readonly profile: ListProfile,
  ) {}

  /**
   * The entry to dial at `t`: a due re-dial first (the dialer's priority), else the next fresh
   * entry; `loaded` names a list registered for it, to be announced before the dial. `today`
   * (the local date, named in a new list's id) is asked for only then: it costs a zone lookup.
   */
  next(
    t: number,
    today: () => LocalDate,
  ): { dial: ListDial; loaded?: { listId: string; count: number } } {
    const due = this.redials[this.redialHead];
    if (due !== undefined && due.due <= t) {
      this.redialHead++;
      this.compact();
      return { dial: { listId: due.listId, entryId: due.entryId, attempt: due.attempt } };
    }
    let loaded: { listId: string; count: number } | undefined;
    if (this.current === undefined || this.current.next > this.profile.size) {
      const listId = `${this.campaign}-${ymd(today())}-${++this.loaded}`;
      this.current = { listId, next: 1 };
      loaded = { listId, count: this.profile.size };
    }
    const entryId = `r${String(this.current.next++).padStart(6, '0')}`;
    const dial = { listId: this.current.listId, entryId, attempt: 1 };
    return loaded ? { dial, loaded } : { dial };
  }

  /** The dial ended at `t` without a connect: queue a re-dial unless the entry is done. */
  missed(dial: ListDial, outcome: DialOutcome, t: number): void {
    if (FINAL.has(outcome) || dial.attempt >= this.profile.maxAttempts) return;
    this.redials.push({ ...dial, attempt: dial.attempt + 1, due: t + this.profile.redialAfterMs });
  }

  private compact(): void {
    // Drop the dialled prefix now and then so weeks of re-dials do not pile up.
    if (this.redialHead > 1024 && this.redialHead * 2 > this.redials.length) {
      this.redials = this.redials.slice(this.redialHead);
      this.redialHead = 0;
    }
  }
}

function ymd(date: LocalDate): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.year}${two(date.month)}${two(date.day)}`;
}
