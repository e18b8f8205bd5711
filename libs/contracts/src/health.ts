/** The answer of `GET /api/v1/health`, shared by the API and the admin page. */
/** What the health answer shows of one CTI adapter. */
export interface AdapterHealthReport {
  /** TCP adapters: the session is up (logged in); the file tailer: the file is open; HTTP: null. */
  readonly connected: boolean | null;
  /** When the adapter last handed events on (receiving clock), ISO; null before the first. */
  readonly lastEventAt: string | null;
  /** Events handed to ingest in the last 60 seconds. */
  readonly eventsPerMinute: number;
  readonly accepted: number;
  readonly duplicates: number;
  /** Source payloads the mapping refused plus events ingest refused (all in dead letters). */
  readonly rejected: number;
  /** Transport or store failures (a refused login, a dropped connection, a store timeout). */
  readonly errors: number;
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
  /** Adapter-specific details (the file and read position of the tailer, the peer address). */
  readonly details: Readonly<Record<string, string | number | null>>;
}

export interface HealthAnswer {
  readonly status: 'ok';
  /** `chdb` (embedded) or `server`. */
  readonly store: string;
  readonly uptimeSeconds: number;
  /** Each enabled adapter by name. */
  readonly adapters: Readonly<Record<string, AdapterHealthReport>>;
}
