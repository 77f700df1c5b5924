// Loaded with `node --require` into Electronegativity. The tool fetches fresh translations and the
// list of Electron releases over the internet with retries (about 3 s each, then it carries on
// with its bundled texts). CI has no internet, so we make that fetch fail at once instead.
'use strict';
const Module = require('node:module');
const originalLoad = Module._load;
function offlineGot() {
  return Promise.reject(new Error('network disabled for electronegativity (offline run)'));
}
Module._load = function load(request, parent, isMain) {
  if (request === 'got') return offlineGot;
  return originalLoad.call(this, request, parent, isMain);
};
