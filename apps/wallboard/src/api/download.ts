import { sessionResponse } from './http';

/**
 * Downloads what the API answers for a CSV request — the very rows the chart shows. A plain link
 * cannot carry the session's Authorization header, so the file is fetched and handed over.
 */
export async function downloadCsv(path: string): Promise<void> {
  const response = await sessionResponse(path, { accept: '*/*' });
  const name =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ??
    'mieruka.csv';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
