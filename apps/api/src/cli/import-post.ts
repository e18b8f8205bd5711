import type { CallEvent, IngestResponse, NewDeadLetters } from '@mieruka/contracts';

/**
 * Posts a batch of events to a running API's ingest route (`--post URL --key KEY`) and
 * returns its per-event answer. Anything but 200 is an error: nothing of the batch counts
 * as done, so the import's position stays before it.
 */
export async function postEvents(
  api: string,
  key: string,
  events: readonly CallEvent[],
): Promise<IngestResponse> {
  const body = events.map((e) => JSON.stringify(e)).join('\n');
  return (await post(api, '/api/v1/events', key, 'application/x-ndjson', body)) as IngestResponse;
}

/**
 * Records the rows the import's mapping refused in the API's dead-letter store, with the
 * source's name and the reason, so an operator finds them where every other reject is.
 */
export async function postDeadLetters(
  api: string,
  key: string,
  letters: NewDeadLetters['letters'],
): Promise<void> {
  for (let i = 0; i < letters.length; i += 500) {
    const page = { letters: letters.slice(i, i + 500) } satisfies NewDeadLetters;
    await post(api, '/api/v1/dead-letters', key, 'application/json', JSON.stringify(page));
  }
}

async function post(
  api: string,
  path: string,
  key: string,
  type: string,
  body: string,
): Promise<unknown> {
  // The key is the credential: a user:password in the address is dropped, never echoed.
  const url = new URL(path, api);
  url.username = '';
  url.password = '';
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': type },
      body,
    });
  } catch (error) {
    throw new Error(`${url.href}: ${(error as Error).message}`);
  }
  if (!response.ok) {
    throw new Error(`${url.href} answered ${response.status}: ${await response.text()}`);
  }
  return response.json();
}
