// Once after the last test file: remove the chDB data folders the test workers left in the
// temp folder (one per worker process, see libs/store/src/testing.ts). Folders of processes
// still alive — another run on this machine — are left alone.
'use strict';
const { readdirSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

module.exports = async () => {
  for (const name of readdirSync(tmpdir())) {
    const match = /^mieruka-test-(\d+)$/.exec(name);
    if (match && !alive(Number(match[1]))) {
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
    }
  }
};
