import { describe, expect, it } from 'vitest';
import { crashProblem, problemFromAgentError } from './capture-problems';

const denied = { code: 'permission-denied' as const, detail: 'socket: Operation not permitted' };

describe('what a user without capture rights reads', () => {
  it('Linux: setcap on the real binary that runs the agent', () => {
    const p = problemFromAgentError(denied, {
      interface: 'eth0',
      runtimeBinary: '/opt/NetLab/netlab',
      platform: 'linux',
    });
    expect(p.fixCommand).toBe(
      'sudo setcap cap_net_raw,cap_net_admin=eip "$(readlink -f /opt/NetLab/netlab)"',
    );
    expect(p.message).toContain('/opt/NetLab/netlab');
    expect(p.params.binary).toBe('/opt/NetLab/netlab');
  });

  it('macOS: ChmodBPF and the access_bpf group', () => {
    const p = problemFromAgentError(
      { code: 'permission-denied', detail: '(cannot open BPF device) /dev/bpf0: Permission denied' },
      {
        interface: 'en0',
        runtimeBinary: '/Applications/NetLab.app/Contents/MacOS/NetLab',
        platform: 'darwin',
      },
    );
    expect(p.i18nKey).toBe('problems.permissionMac');
    expect(p.message).toContain('ChmodBPF');
    expect(p.fixCommand).toBe('sudo dseditgroup -o edit -a "$USER" -t user access_bpf');
  });

  it('Windows: Npcap', () => {
    const p = problemFromAgentError(denied, {
      interface: 'x',
      runtimeBinary: 'C:\\NetLab\\NetLab.exe',
      platform: 'win32',
    });
    expect(p.i18nKey).toBe('problems.permissionWindows');
    expect(p.message).toContain('Npcap');
  });

  it('a crash names the signal and keeps the last stderr lines as detail', () => {
    const p = crashProblem({ code: null, signal: 'SIGSEGV', stderr: 'a\nb\nc\nd' });
    expect(p.code).toBe('agent-crashed');
    expect(p.message).toContain('was killed by SIGSEGV');
    expect(p.detail).toBe('b | c | d');
  });
});
