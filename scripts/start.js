// `npm start`: build if needed, then run the API (embedded mode unless settings say otherwise).
'use strict';
const path = require('node:path');
const { dist, ensureBuilt, registerAliases } = require('./runtime');

ensureBuilt();
registerAliases();
require(path.join(dist, 'apps', 'api', 'src', 'main.js'));
