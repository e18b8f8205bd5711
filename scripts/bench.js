// `npm run bench`: build if needed, then run the benchmarks in bench/ (never part of `npm test`).
'use strict';
const path = require('node:path');
const { dist, ensureBuilt, registerAliases } = require('./runtime');

ensureBuilt({ wallboard: false });
registerAliases();
require(path.join(dist, 'bench', 'run.js'));
