// Preloaded with `node -r` by `npm run dev`, so the watched build resolves @mieruka/* aliases.
'use strict';
require('./runtime').registerAliases();
