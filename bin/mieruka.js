#!/usr/bin/env node
// The `mieruka` command line (`npx mieruka --help`). Builds the CLI on first use.
'use strict';
const path = require('node:path');
const { dist, ensureBuilt, registerAliases } = require('../scripts/runtime');

ensureBuilt({ wallboard: false });
registerAliases();
require(path.join(dist, 'apps', 'api', 'src', 'cli', 'main.js'));
