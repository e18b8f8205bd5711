/** After the last test file: stops the test ClickHouse server, then the usual clean-up. */
import { createRequire } from 'node:module';
import type {} from './global-setup';

const removeWorkerFolders = createRequire(__filename)(
  '../global-teardown.js',
) as () => Promise<void>;

export default async function globalTeardown(): Promise<void> {
  await globalThis.clickHouseHttp?.stop();
  await removeWorkerFolders();
}
