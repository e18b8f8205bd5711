import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FOLD_VERSION } from './fold-version';

/**
 * The fold's sources as of FOLD_VERSION. A checkpoint is the fold's state written out: when
 * these files change, a checkpoint of the old code may not mean the same to the new (a field
 * renamed, a sum counted differently), so it must not be loaded.
 */
const FOLD_SOURCES_HASH = '86c58859ced3f13d15d166f637c761700a42b299aa1b41546ec4e087880ee578';

function foldSourcesHash(): string {
  const hash = createHash('sha256');
  for (const dir of ['projection', 'floor']) {
    const folder = path.join(__dirname, '..', dir);
    const files = readdirSync(folder)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
      .sort();
    for (const file of files) {
      // Line endings normalised, so a checkout on Windows hashes alike.
      hash.update(`${dir}/${file}\n`);
      hash.update(readFileSync(path.join(folder, file), 'utf8').replace(/\r\n/g, '\n'));
    }
  }
  return hash.digest('hex');
}

describe('the fold version', () => {
  it('is bumped whenever the fold changes', () => {
    const actual = foldSourcesHash();
    if (actual !== FOLD_SOURCES_HASH) {
      throw new Error(
        `the fold changed: bump FOLD_VERSION (now ${FOLD_VERSION}) in ` +
          `libs/kpi/src/checkpoint/fold-version.ts and update this hash to '${actual}'`,
      );
    }
    expect(actual).toBe(FOLD_SOURCES_HASH);
  });
});
