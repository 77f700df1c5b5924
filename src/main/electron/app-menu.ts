/** The application menu, built from the translated labels so it follows the system language. */
import { app, dialog, Menu, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { fillLabel, type ElectronLabels } from './electron-labels';

export interface AppMenuOptions {
  labels: ElectronLabels;
  version: string;
  dataDir: string;
  /** Developer tools only in development: in a packaged app they would let anyone poke the API. */
  allowDevTools: boolean;
  mainWindow: () => BrowserWindow | null;
}

export function buildAppMenu(options: AppMenuOptions): Menu {
  const m = options.labels.menu;
  const isMac = process.platform === 'darwin';
  const showAbout = (): void => {
    const about = options.labels.about;
    const values = {
      version: options.version,
      dataDir: options.dataDir,
      electron: process.versions.electron ?? '?',
      node: process.versions.node,
    };
    const window = options.mainWindow();
    const box = {
      type: 'info' as const,
      title: about.title,
      message: fillLabel(about.message, values),
      detail: fillLabel(about.detail, values),
      buttons: [about.ok],
    };
    void (window ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box));
  };

  const template: MenuItemConstructorOptions[] = [
    ...(isMac
      ? [
          {
            label: app.name,
            submenu: [
              { label: m.about, click: showAbout },
              { type: 'separator' as const },
              { role: 'quit' as const, label: m.quit },
            ],
          },
        ]
      : []),
    {
      label: m.file,
      submenu: [
        { label: m.openDataFolder, click: () => void shell.openPath(options.dataDir) },
        ...(isMac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const, label: m.quit }]),
      ],
    },
    {
      label: m.edit,
      submenu: [
        { role: 'undo', label: m.undo },
        { role: 'redo', label: m.redo },
        { type: 'separator' },
        { role: 'cut', label: m.cut },
        { role: 'copy', label: m.copy },
        { role: 'paste', label: m.paste },
        { role: 'selectAll', label: m.selectAll },
      ],
    },
    {
      label: m.view,
      submenu: [
        { role: 'reload', label: m.reload },
        ...(options.allowDevTools ? [{ role: 'toggleDevTools' as const, label: m.toggleDevTools }] : []),
        { type: 'separator' },
        { role: 'resetZoom', label: m.resetZoom },
        { role: 'zoomIn', label: m.zoomIn },
        { role: 'zoomOut', label: m.zoomOut },
        { type: 'separator' },
        { role: 'togglefullscreen', label: m.toggleFullScreen },
      ],
    },
    {
      label: m.window,
      submenu: [
        { role: 'minimize', label: m.minimize },
        { role: 'close', label: m.close },
      ],
    },
    { label: m.help, submenu: isMac ? [] : [{ label: m.about, click: showAbout }] },
  ];
  return Menu.buildFromTemplate(template);
}
