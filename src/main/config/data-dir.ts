/**
 * NetLab's data folder: the CA, settings and spill files live here. Tests point it elsewhere with
 * --data-dir or NETLAB_HOME so they never touch a user's real one.
 */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = explicit ?? env.NETLAB_HOME ?? join(homedir(), '.netlab');
  return resolve(chosen);
}

/** Creates the folder readable by the user alone (it will hold the CA private key). */
export function ensureDataDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
