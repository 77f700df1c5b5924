/** The Electron main entry (what `electron out/main/index.js` runs). Browser mode starts from cli.ts. */
import { startDesktopApp } from './electron/desktop-app';

startDesktopApp();
