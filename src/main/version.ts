/** The app version, injected from package.json at build time (see electron.vite.config.ts) or read at runtime in tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let cached: string | undefined;

export function appVersion(): string {
  if (cached) return cached;
  for (const candidate of [
    join(__dirname, '..', '..', 'package.json'),
    join(process.cwd(), 'package.json'),
  ]) {
    try {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'netlab' && pkg.version) return (cached = pkg.version);
    } catch {
      // try the next candidate
    }
  }
  return (cached = '0.0.0');
}
