/** What the poller needs of a saved document: how new it is. */
export interface Versioned {
  readonly version: number;
}

export interface SavedSettingsPollerOptions<D extends Versioned> {
  /** Every saved document, newest version of each (a handful of rows: read whole). */
  readonly list: () => Promise<D[]>;
  /** Which tenant or adapter the document is of. */
  readonly keyOf: (document: D) => string;
  /** Puts a newer document in effect; `notify` is false for the first read at start. */
  readonly adopt: (document: D, notify: boolean) => Promise<void>;
  /** A failed read: logged by the caller; the settings in effect stay until the next. */
  readonly failed: (error: unknown) => void;
  readonly intervalMs: number;
}

/**
 * Keeps an instance in step with settings admins save (tenant settings, adapter settings):
 * read once at start, then every `intervalMs`, handing on each document newer than the one
 * in effect here — so an edit made on any instance reaches every instance within that time.
 * One read at a time.
 */
export class SavedSettingsPoller<D extends Versioned> {
  private readonly known = new Map<string, D>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(private readonly options: SavedSettingsPollerOptions<D>) {}

  /** The document in effect for `key`, if one was saved. */
  get(key: string): D | undefined {
    return this.known.get(key);
  }

  /** The first read (nothing notified), then polling. */
  async start(): Promise<void> {
    await this.refresh(false);
    this.timer = setInterval(() => void this.poll(), this.options.intervalMs).unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** A document saved on this instance: in effect here at once. */
  async saved(document: D): Promise<void> {
    await this.adopt(document, true);
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      await this.refresh(true);
    } catch (error) {
      this.options.failed(error);
    } finally {
      this.polling = false;
    }
  }

  private async refresh(notify: boolean): Promise<void> {
    for (const document of await this.options.list()) {
      const known = this.known.get(this.options.keyOf(document));
      if (!known || known.version < document.version) await this.adopt(document, notify);
    }
  }

  private async adopt(document: D, notify: boolean): Promise<void> {
    this.known.set(this.options.keyOf(document), document);
    await this.options.adopt(document, notify);
  }
}
