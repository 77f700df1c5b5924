#!/usr/bin/env node
// The `netlab` command. The real code is the built out/main/cli.js (TypeScript compiled by
// `npm run build`); this launcher only explains what to do when the build is missing.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS launcher, it must run without a build */
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write(`netlab is not built yet: run \`npm run build\` in ${join(__dirname, '..')} first.\n`);
  process.exit(1);
}
require(cli);
