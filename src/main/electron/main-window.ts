/** The one NetLab window: sandboxed, isolated, showing only our own UI. */
import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { appEntryUrl, type AppLocation } from './security-policy';

export interface MainWindowOptions {
  location: AppLocation;
  /** out/preload/index.cjs */
  preloadPath: string;
  /** A PNG icon for Linux window managers; packaged builds use the installer's icon instead. */
  iconPath?: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'NetLab',
    backgroundColor: '#101418',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: {
      preload: options.preloadPath,
      // Spelled out even where they equal Electron's defaults, so a reader (and electronegativity)
      // can see the whole policy here.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // Middle-click would open links in new windows; the window-open handler refuses those anyway.
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  });
  // Show once painted, so the user never sees a white flash.
  window.once('ready-to-show', () => window.show());
  window.loadURL(appEntryUrl(options.location)).catch((error: unknown) => {
    console.error(
      `netlab: could not load the NetLab UI: ${String(error)}. Run \`npm run build\` and start again.`,
    );
  });
  return window;
}

/** Paths of the built app, relative to out/main/index.js. */
export function builtPaths(mainDir: string): { preload: string; rendererDir: string; indexHtml: string } {
  const rendererDir = join(mainDir, '..', 'renderer');
  return {
    preload: join(mainDir, '..', 'preload', 'index.cjs'),
    rendererDir,
    indexHtml: join(rendererDir, 'index.html'),
  };
}
