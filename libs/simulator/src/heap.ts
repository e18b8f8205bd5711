/**
 * The simulator's agenda: a binary min-heap of scheduled actions ordered by time, ties broken
 * by insertion order. The tie-break is what makes the simulation deterministic: two actions
 * due in the same millisecond always run in the order they were scheduled.
 */

interface Entry<T> {
  readonly time: number;
  readonly seq: number;
  readonly value: T;
}

export class Agenda<T> {
  private readonly entries: Entry<T>[] = [];
  private seq = 0;

  get size(): number {
    return this.entries.length;
  }

  push(time: number, value: T): void {
    const entries = this.entries;
    entries.push({ time, seq: this.seq++, value });
    let i = entries.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Time of the earliest action, or undefined when nothing is scheduled. */
  peekTime(): number | undefined {
    return this.entries[0]?.time;
  }

  pop(): { readonly time: number; readonly value: T } | undefined {
    const entries = this.entries;
    const top = entries[0];
    const last = entries.pop();
    if (top === undefined || last === undefined) return undefined;
    if (entries.length > 0) {
      entries[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < entries.length && this.before(left, smallest)) smallest = left;
        if (right < entries.length && this.before(right, smallest)) smallest = right;
        if (smallest === i) break;
        this.swap(i, smallest);
        i = smallest;
      }
    }
    return top;
  }

  private before(a: number, b: number): boolean {
    const x = this.entries[a];
    const y = this.entries[b];
    if (x === undefined || y === undefined) return false;
    return x.time < y.time || (x.time === y.time && x.seq < y.seq);
  }

  private swap(a: number, b: number): void {
    const x = this.entries[a];
    const y = this.entries[b];
    if (x === undefined || y === undefined) return;
    this.entries[a] = y;
    this.entries[b] = x;
  }
}
