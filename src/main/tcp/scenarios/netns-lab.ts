/**
 * A three-namespace lab for real-stack TCP scenarios: client ── router ── server, joined by veth
 * pairs, with unique names per run and 10.x addresses that exist only inside the namespaces.
 * Losses are made on the router's FORWARD chain (a drop in the sender's own OUTPUT chain would be
 * seen by its TCP as a local error, not as a loss on the path). Captures run with tcpdump on the
 * client's and the server's interfaces. Test support only; needs root.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type LabNode = 'client' | 'router' | 'server';

const PEER_SCRIPT = join(__dirname, 'peer.py');
/** The system interpreter: a version-manager shim (pyenv) costs ~0.4 s per start. */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface CaptureFiles {
  client: string;
  server: string;
}

export class NetnsLab {
  readonly id = randomBytes(3).toString('hex');
  readonly ns: Record<LabNode, string>;
  readonly clientIp: string;
  readonly serverIp: string;
  readonly clientDev: string;
  readonly serverDev: string;
  readonly dir: string;
  private readonly children = new Set<ChildProcess>();
  private captureCount = 0;

  constructor() {
    const octet = 200 + (randomBytes(1)[0] % 50);
    this.ns = { client: `nlc-${this.id}`, router: `nlr-${this.id}`, server: `nls-${this.id}` };
    this.clientIp = `10.${octet}.1.2`;
    this.serverIp = `10.${octet}.2.2`;
    this.clientDev = `vc-${this.id}`;
    this.serverDev = `vs-${this.id}`;
    this.dir = mkdtempSync(join(tmpdir(), `netlab-tcp-lab-${this.id}-`));
    const routerIp = (subnet: number): string => `10.${octet}.${subnet}.1`;
    try {
      for (const n of Object.values(this.ns)) run('ip', ['netns', 'add', n]);
      const [c, r, s] = [this.ns.client, this.ns.router, this.ns.server];
      run('ip', [
        'link',
        'add',
        this.clientDev,
        'netns',
        c,
        'type',
        'veth',
        'peer',
        'name',
        `vrc-${this.id}`,
        'netns',
        r,
      ]);
      run('ip', [
        'link',
        'add',
        this.serverDev,
        'netns',
        s,
        'type',
        'veth',
        'peer',
        'name',
        `vrs-${this.id}`,
        'netns',
        r,
      ]);
      const links: [string, string, string][] = [
        [c, this.clientDev, `${this.clientIp}/24`],
        [r, `vrc-${this.id}`, `${routerIp(1)}/24`],
        [r, `vrs-${this.id}`, `${routerIp(2)}/24`],
        [s, this.serverDev, `${this.serverIp}/24`],
      ];
      for (const [n, dev, addr] of links) {
        run('ip', ['-n', n, 'addr', 'add', addr, 'dev', dev]);
        // One segment per packet: without GSO the capture and the router see real wire segments.
        run('ip', ['-n', n, 'link', 'set', dev, 'gso_max_segs', '1', 'up']);
      }
      for (const n of [c, r, s]) run('ip', ['-n', n, 'link', 'set', 'lo', 'up']);
      run('ip', ['-n', c, 'route', 'add', 'default', 'via', routerIp(1)]);
      run('ip', ['-n', s, 'route', 'add', 'default', 'via', routerIp(2)]);
      this.sysctl('router', 'net.ipv4.ip_forward', '1');
    } catch (e) {
      this.destroy();
      throw e;
    }
  }

  exec(node: LabNode, cmd: string, args: string[]): string {
    return run('ip', ['netns', 'exec', this.ns[node], cmd, ...args]);
  }

  readSysctl(node: LabNode, key: string): number | undefined {
    try {
      return Number(this.exec(node, 'sysctl', ['-n', key]).trim());
    } catch {
      return undefined; // not on this kernel (e.g. tcp_syn_linear_timeouts before 6.x)
    }
  }

  sysctl(node: LabNode, key: string, value: string): void {
    this.exec(node, 'sysctl', ['-qw', `${key}=${value}`]);
  }

  /** Appends a rule to the router's FORWARD chain. */
  forwardRule(rule: string[]): void {
    this.exec('router', 'iptables', ['-A', 'FORWARD', ...rule]);
  }

  clearRules(): void {
    this.exec('router', 'iptables', ['-F', 'FORWARD']);
  }

  /** Starts tcpdump on both ends; resolves once both are listening. */
  async startCapture(): Promise<{ stop: () => Promise<CaptureFiles> }> {
    const n = ++this.captureCount;
    const files = { client: join(this.dir, `client-${n}.pcap`), server: join(this.dir, `server-${n}.pcap`) };
    const dumps = await Promise.all([
      this.tcpdump('client', this.clientDev, files.client),
      this.tcpdump('server', this.serverDev, files.server),
    ]);
    return {
      stop: async () => {
        await new Promise((r) => setTimeout(r, 150)); // let the last segments reach the capture
        await Promise.all(dumps.map((d) => this.stopChild(d)));
        return files;
      },
    };
  }

  private tcpdump(node: LabNode, dev: string, file: string): Promise<ChildProcess> {
    const args = [
      'netns',
      'exec',
      this.ns[node],
      'tcpdump',
      '-i',
      dev,
      '--immediate-mode',
      '-U',
      '-s',
      '200',
      '-Z',
      'root',
      '-w',
      file,
      'tcp',
    ];
    const child = this.track(spawn('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] }));
    return new Promise((resolve, reject) => {
      let err = '';
      child.stderr?.on('data', (d: Buffer) => {
        err += d.toString();
        if (err.includes('listening on')) resolve(child);
      });
      child.on('exit', (code) => reject(new Error(`tcpdump on ${dev} exited (${code}): ${err}`)));
    });
  }

  /** Runs peer.py in a namespace. `ready` resolves when a server prints READY. */
  peer(node: LabNode, args: string[]): { ready: Promise<void>; done: Promise<string> } {
    const child = this.track(spawn('ip', ['netns', 'exec', this.ns[node], PYTHON, PEER_SCRIPT, ...args]));
    let out = '';
    let err = '';
    let markReady: () => void = () => undefined;
    const ready = new Promise<void>((r) => (markReady = r));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('READY')) markReady();
    });
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    const done = new Promise<string>((resolve, reject) => {
      child.on('exit', (code) =>
        code === 0
          ? resolve(out.replace('READY\n', '').trim())
          : reject(new Error(`peer ${args.join(' ')}: ${err}`)),
      );
    });
    return { ready, done };
  }

  private track(child: ChildProcess): ChildProcess {
    this.children.add(child);
    child.on('exit', () => this.children.delete(child));
    return child;
  }

  private stopChild(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGINT');
    });
  }

  /** Kills what we started and deletes the namespaces (their veths go with them). Never throws. */
  destroy(): void {
    for (const child of this.children) child.kill('SIGKILL');
    for (const n of Object.values(this.ns)) {
      try {
        run('ip', ['netns', 'del', n]);
      } catch {
        // already gone or never made
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
