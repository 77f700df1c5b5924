/**
 * The desktop app's lifecycle: one instance per data folder, one window, one backend, the IPC
 * transport in front of it, and the security policy applied before anything loads.
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  session,
  type IpcMainEvent,
  type IpcMainInvokeEvent,
} from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createBackend, type Backend } from '../api/backend';
import { ensureDataDir, resolveDataDir } from '../config/data-dir';
import { appVersion } from '../version';
import { buildAppMenu } from './app-menu';
import { hardenAllWebContents, hardenSession } from './apply-security';
import { electronLabels, fillLabel, pickLabelLanguage } from './electron-labels';
import { attachIpcTransport } from './ipc-transport';
import { dataDirFromArgs } from './launch-args';
import { builtPaths, createMainWindow } from './main-window';
import { isAppUrl, resolveAppLocation } from './security-policy';

export function startDesktopApp(argv: readonly string[] = process.argv): void {
  const labels = () => electronLabels(pickLabelLanguage(app.getPreferredSystemLanguages()));
  const dataDir = resolveDataDir(dataDirFromArgs(argv));
  try {
    ensureDataDir(dataDir);
  } catch (error) {
    failStart(labels().errors, error, dataDir);
    return;
  }
  // Chromium's profile (cache, local storage) lives in our data folder too. That also makes the
  // single-instance lock per data folder: tests and a second profile can run side by side.
  app.setPath('userData', join(dataDir, 'electron'));
  if (!app.requestSingleInstanceLock()) {
    console.log(`NetLab is already running with data folder ${dataDir}; showing that window instead.`);
    app.quit();
    return;
  }

  const paths = builtPaths(__dirname);
  const location = resolveAppLocation({
    indexFileUrl: pathToFileURL(paths.indexHtml).href,
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
    isPackaged: app.isPackaged,
  });
  const rendererDirUrl = pathToFileURL(paths.rendererDir).href;
  hardenAllWebContents(location, rendererDirUrl);

  let mainWindow: BrowserWindow | null = null;
  let backend: Backend | null = null;
  let detachTransport: (() => void) | null = null;

  const isTrustedSender = (event: IpcMainEvent | IpcMainInvokeEvent): boolean => {
    const window = mainWindow;
    const frame = event.senderFrame;
    if (!window || window.isDestroyed() || !frame) return false;
    const main = window.webContents.mainFrame;
    return (
      event.sender === window.webContents &&
      frame.parent === null &&
      frame.processId === main.processId &&
      frame.routingId === main.routingId &&
      isAppUrl(frame.url, location)
    );
  };

  const openWindow = (): void => {
    // Packaged apps get their icon from the installer; in development show ours on Linux docks.
    const devIcon = join(app.getAppPath(), 'resources', 'icon.png');
    mainWindow = createMainWindow({
      location,
      preloadPath: paths.preload,
      ...(!app.isPackaged && existsSync(devIcon) ? { iconPath: devIcon } : {}),
    });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };

  app.on('second-instance', () => {
    if (!mainWindow) return openWindow();
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app
    .whenReady()
    .then(() => {
      // Also done on the first webContents; repeating it is harmless (handlers are replaced).
      hardenSession(session.defaultSession, location, rendererDirUrl);
      backend = createBackend({ version: appVersion(), dataDir });
      detachTransport = attachIpcTransport(ipcMain, backend, isTrustedSender);
      Menu.setApplicationMenu(
        buildAppMenu({
          labels: labels(),
          version: appVersion(),
          dataDir,
          allowDevTools: !app.isPackaged,
          mainWindow: () => mainWindow,
        }),
      );
      openWindow();
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) openWindow();
      });
    })
    .catch((error: unknown) => failStart(labels().errors, error, dataDir));

  app.on('window-all-closed', () => {
    // macOS apps stay alive without windows until the user quits from the dock or menu.
    if (process.platform !== 'darwin') app.quit();
  });

  let closing = false;
  app.on('will-quit', (event) => {
    if (closing || !backend) return;
    // Give the backend a moment to stop captures and flush files, then quit for real.
    closing = true;
    event.preventDefault();
    detachTransport?.();
    backend
      .close()
      .catch((error: unknown) => console.error(`netlab: error while shutting down: ${String(error)}`))
      .finally(() => app.quit());
  });
}

function failStart(
  texts: { startFailedTitle: string; startFailed: string },
  error: unknown,
  dataDir: string,
): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`NetLab could not start: ${message}`);
  dialog.showErrorBox(texts.startFailedTitle, fillLabel(texts.startFailed, { message, dataDir }));
  app.exit(1);
}
