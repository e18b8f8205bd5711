// Once before any test file: build what the end-to-end tests run (the API, the CLI and the
// wallboard), so parallel test files never compile into dist/ at the same time.
'use strict';
module.exports = async () => {
  require('../../scripts/runtime').ensureBuilt();
};
