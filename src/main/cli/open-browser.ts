/**
 * Opens a URL in the user's default browser when the platform has a way to (open, start,
 * xdg-open). Best effort: a machine without a desktop simply gets no browser, never an error.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

function onPath(program: string, env: NodeJS.ProcessEnv = process.env): boolean {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

/** The command that opens a URL here, or null when there is none. */
export function browserOpener(
  url: string,
  platform = process.platform,
): { file: string; args: string[] } | null {
  if (platform === 'darwin') return { file: 'open', args: [url] };
  // `start` is a cmd built-in; its first quoted argument is a window title, hence the empty one.
  if (platform === 'win32') return { file: 'cmd', args: ['/c', 'start', '""', url] };
  return onPath('xdg-open') ? { file: 'xdg-open', args: [url] } : null;
}

/** Returns whether an opener was started; it runs detached and its failure is ignored. */
export function openInBrowser(url: string): boolean {
  const opener = browserOpener(url);
  if (!opener) return false;
  try {
    const child = spawn(opener.file, opener.args, { detached: true, stdio: 'ignore', windowsHide: true });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}
