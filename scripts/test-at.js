// `npm run test:at -- <instant|preset> [--tz <zone>] [jest arguments]`: the test suite with
// the clock at a chosen instant (and the machine zone set) in every Node process of the run —
// Jest, the test files, the API and CLI processes they start — and in Chromium's pages
// (tests/support/browser.ts). A test whose data depends on the hour, the weekday or the zone
// fails here instead of at some hour in CI.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { clockAt } = require('./clock-shift');

/** The hard instants of tests/README.md, each with the machine zone it is read in. */
const PRESETS = {
  'sunday-night': { at: '2026-12-06T03:00:00+09:00', tz: 'Asia/Tokyo' },
  'saturday-midnight': { at: '2026-12-05T23:59:30+09:00', tz: 'Asia/Tokyo' },
  'monday-morning': { at: '2026-12-07T09:00:00+09:00', tz: 'Asia/Tokyo' },
  // New York's clocks go back from 02:00 EDT to 01:00 EST: 01:30 comes twice.
  'dst-repeat': { at: '2026-11-01T01:30:00-04:00', tz: 'America/New_York' },
};

function usage(problem) {
  process.stderr.write(
    `${problem}\nusage: npm run test:at -- <RFC 3339 instant | ${Object.keys(PRESETS).join(' | ')}> [--tz <IANA zone>] [jest arguments]\n`,
  );
  process.exit(2);
}

const args = process.argv.slice(2);
const [what, ...rest] = args;
if (!what) usage('test:at needs an instant.');
const preset = PRESETS[what];
const instant = Date.parse(preset?.at ?? what);
if (!Number.isFinite(instant) || !(preset || /[zZ]|[+-]\d\d:\d\d$/.test(what))) {
  usage(`'${what}' is neither a preset nor an RFC 3339 instant with its offset.`);
}
let zone = preset?.tz ?? process.env.TZ ?? 'UTC';
const tzAt = rest.indexOf('--tz');
if (tzAt >= 0) {
  zone = rest[tzAt + 1] ?? usage('--tz needs a zone.');
  rest.splice(tzAt, 2);
}
try {
  new Intl.DateTimeFormat('en', { timeZone: zone });
} catch {
  usage(`'${zone}' is not an IANA time zone.`);
}

const clock = clockAt(instant);
const env = { ...process.env, ...clock.env, TZ: zone };
// The shift must have taken: a child reads the chosen instant, not the real clock.
const probe = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(Date.now()))'], {
  env,
  encoding: 'utf8',
});
const seen = Number(probe.stdout);
if (!(Math.abs(seen - clock.now()) < 5_000)) {
  process.stderr.write(`test:at: the clock did not move (a child read ${probe.stdout}).\n`);
  process.exit(2);
}
const local = new Intl.DateTimeFormat('en-GB', {
  timeZone: zone,
  dateStyle: 'full',
  timeStyle: 'long',
}).format(seen);
process.stderr.write(`test:at: the clock starts at ${local} (${new Date(seen).toISOString()})\n`);

const jest = path.join(__dirname, '..', 'node_modules', 'jest', 'bin', 'jest.js');
const run = spawnSync(process.execPath, [jest, ...rest], { env, stdio: 'inherit' });
process.exit(run.status ?? 1);
