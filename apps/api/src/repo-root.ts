import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder holding the root package.json, from the sources or from the build in dist/. */
export function repoRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}
