import type { StoreClient } from '../client';

/** The rows a query answers, each as an object (JSONEachRow). */
export async function queryRows<T>(
  store: StoreClient,
  query: string,
  params: Record<string, unknown>,
): Promise<T[]> {
  const result = await store.client.query({ query, query_params: params, format: 'JSONEachRow' });
  return result.json<T>();
}
