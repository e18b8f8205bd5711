import { StringIndex } from './string-index';

/**
 * The event ids a projection has folded, each with its time (so `forgetBefore` can drop old
 * ones): a duplicate id must count once, however many events came in between. A busy day
 * holds a million ids; a StringIndex finds them faster than a Set (see there), and the times
 * sit unboxed in a plain array of doubles, where a Map to each id's time boxed every one.
 */
export class SeenIds {
  private ids = new StringIndex();
  /** By the id's number in `ids`. */
  private times: number[] = [];

  get size(): number {
    return this.ids.size;
  }

  /** Adds an id seen at `t`; false (and nothing changes) when it is already here. */
  add(id: string, t: number): boolean {
    if (this.ids.add(id) < 0) return false;
    this.times.push(t);
    return true;
  }

  /** Forgets the ids seen before `horizon` (a rare, whole-table pass). */
  forgetBefore(horizon: number): void {
    const ids: string[] = [];
    const times: number[] = [];
    for (let n = 0; n < this.times.length; n++) {
      if (this.times[n]! < horizon) continue;
      ids.push(this.ids.keyOf(n));
      times.push(this.times[n]!);
    }
    if (ids.length === this.ids.size) return;
    this.ids = StringIndex.of(ids);
    this.times = times;
  }
}
