/**
 * Runs async work one at a time, in call order. Stateful mappers fed by HTTP (TaskRouter)
 * need it: two callbacks of one task arriving together must step the state in turn, and the
 * state moves on only once the store took the previous one's events.
 */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
