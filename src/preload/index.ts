/**
 * The preload: the only code that sees both the page and Electron. It exposes exactly the NetlabApi
 * on `window.netlab` and nothing else: no ipcRenderer, no IPC event objects, no Node. It runs
 * sandboxed with context isolation, so electron-vite bundles it as one CommonJS file.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL } from '../shared/api/electron-ipc';
import { createBridgeApi } from './bridge-api';

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createBridgeApi(ipcRenderer));
