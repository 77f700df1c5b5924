// Runs Electronegativity's engine (the same one its CLI uses) and writes the findings AND the
// files it could not parse as JSON. The CLI's -o CSV/SARIF output leaves parse errors out, and a
// file that silently fails to parse is a file that was never checked.
// Usage: node run.cjs <input dir> <electron version> <result.json>
'use strict';
require('./offline.cjs');
const { writeFileSync } = require('node:fs');
const { resolve } = require('node:path');
const base = resolve(__dirname, 'node_modules', '@doyensec', 'electronegativity', 'dist');
const initI18n = require(resolve(base, 'locales', 'i18n.js'));
const run = require(resolve(base, 'runner.js'));

async function main() {
  const [input, electronVersion, outFile] = process.argv.slice(2);
  const log = console.log;
  console.log = () => {}; // the tool chats about translations it could not download
  let result;
  try {
    await initI18n();
    result = await run(
      {
        input: resolve(input),
        output: undefined,
        isSarif: false,
        customScan: [],
        // Needs the internet (the list of Electron releases); our Electron version is pinned instead.
        excludeFromScan: ['availablesecurityfixesglobalcheck'],
        severitySet: 'informational',
        confidenceSet: 'tentative',
        isRelative: true,
        isVerbose: false,
        electronUpgrade: undefined,
        electronVersionOverride: electronVersion,
        parserPlugins: [],
      },
      false,
    );
  } finally {
    console.log = log;
  }
  const findings = result.issues.map((issue) => ({
    id: issue.id,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    file: issue.file,
    line: issue.location.line,
    column: issue.location.column,
    sample: issue.sample,
    description: issue.description,
    url: issue.shortenedURL,
    manualReview: !!issue.manualReview,
  }));
  const errors = result.errors.map((e) => ({ file: e.file, message: e.message, tolerable: !!e.tolerable }));
  writeFileSync(
    outFile,
    JSON.stringify(
      { globalChecks: result.globalChecks, atomicChecks: result.atomicChecks, findings, errors },
      null,
      2,
    ),
  );
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
