/**
 * How to start the capture agent. Built app: `<electron or node> out/main/capture-agent.js` (Electron
 * runs it as plain Node with ELECTRON_RUN_AS_NODE). From source (tests, tsx): `node --import tsx
 * src/main/capture/agent/agent-main.ts`. A `wrapper` (e.g. setpriv, pkexec) can run the agent with
 * other rights than the app.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface AgentLaunch {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** The binary that needs capture rights (what setcap must be given). */
  runtimeBinary: string;
  agentScript: string;
  /** Source mode resolves `--import tsx` from the working directory: the project root. */
  cwd: string;
}

export interface AgentLaunchOptions {
  /** Explicit agent script (.js or .ts). */
  agentScript?: string;
  /** Runs the agent through another program: `[...wrapper, runtime, ...args]`. */
  wrapper?: string[];
  /** Directory of the running main bundle or source file, to find the agent beside it. */
  moduleDir?: string;
}

function moduleDirectory(): string {
  // CommonJS bundle (out/main) or tsx: __dirname exists. Vitest also provides it for source files.
  return typeof __dirname === 'string' ? __dirname : process.cwd();
}

/** Finds the agent: beside the bundle (out/main/capture-agent.js) or in the source tree. */
export function resolveAgentScript(moduleDir = moduleDirectory()): string {
  const candidates = [
    join(moduleDir, 'capture-agent.js'),
    // The bundler may move the backend into a shared chunk: out/main/chunks/*.js.
    resolve(moduleDir, '../capture-agent.js'),
    resolve(moduleDir, '../agent/agent-main.ts'),
    resolve(moduleDir, 'agent-main.ts'),
    resolve(moduleDir, '../../../../out/main/capture-agent.js'),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`capture agent not found (looked in ${candidates.join(', ')})`);
  return found;
}

function projectRootOf(agentScript: string): string {
  let dir = dirname(agentScript);
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'node_modules'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return dirname(agentScript);
}

export function buildAgentLaunch(options: AgentLaunchOptions = {}): AgentLaunch {
  const agentScript = options.agentScript ?? resolveAgentScript(options.moduleDir);
  const runtimeBinary = process.execPath;
  const args = agentScript.endsWith('.ts') ? ['--import', 'tsx', agentScript] : [agentScript];
  const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_RUN_AS_NODE: '1' };
  const wrapper = options.wrapper ?? [];
  return {
    command: wrapper.length > 0 ? wrapper[0] : runtimeBinary,
    args: wrapper.length > 0 ? [...wrapper.slice(1), runtimeBinary, ...args] : args,
    env,
    runtimeBinary,
    agentScript,
    cwd: projectRootOf(agentScript),
  };
}
