/**
 * Reads NetLab's own options from the Electron command line. Electron and Chromium put their own
 * switches there too, so we look only for ours and ignore the rest.
 */

/** The value of `--data-dir DIR` or `--data-dir=DIR`, if given. */
export function dataDirFromArgs(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--data-dir') {
      const value = argv[i + 1];
      return value && !value.startsWith('--') ? value : undefined;
    }
    if (arg.startsWith('--data-dir=')) return arg.slice('--data-dir='.length) || undefined;
  }
  return undefined;
}
