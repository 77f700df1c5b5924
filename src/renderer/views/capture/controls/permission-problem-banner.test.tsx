// @vitest-environment happy-dom
/**
 * A capture that may not start for lack of capture rights, and an agent crash, as the user reads
 * them: in their language, with the command that fixes it, and a word that the packets are kept.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureProblem } from '../../../../shared/api/capture';
import { changeLanguage, initI18n } from '../../../i18n/i18n';
import { CaptureProblemBanner } from './CaptureProblemBanner';

const command = 'sudo setcap cap_net_raw,cap_net_admin=eip "$(readlink -f /usr/bin/node)"';
const noRights: CaptureProblem = {
  code: 'permission-denied',
  message: 'NetLab may not capture on "eth0" (English fallback).',
  i18nKey: 'problems.permissionLinux',
  params: { interface: 'eth0', detail: 'socket: Operation not permitted', binary: '/usr/bin/node', command },
  detail: 'socket: Operation not permitted',
  fixCommand: command,
};
const crash: CaptureProblem = {
  code: 'agent-crashed',
  message: 'The capture agent was killed (SIGKILL); the capture stopped.',
  i18nKey: 'problems.agentCrashed',
  params: { how: 'was killed (SIGKILL)' },
};

let root: Root | null = null;
let container: HTMLDivElement;
let dismissed = 0;

function render(problem: CaptureProblem) {
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
  act(() => root?.render(<CaptureProblemBanner problem={problem} onDismiss={() => dismissed++} />));
}

const banner = () => container.querySelector('[data-testid="capture-problem"]');

describe('capture problems in the Capture view', () => {
  beforeAll(() => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    initI18n();
  });
  afterEach(async () => {
    act(() => root?.unmount());
    container.remove();
    await changeLanguage('en');
  });

  it('no capture rights: says what happened and shows the exact command to run', () => {
    render(noRights);
    expect(banner()?.getAttribute('role')).toBe('alert');
    expect(banner()?.textContent).toContain('NetLab may not capture on "eth0"');
    expect(container.querySelector('[data-testid="capture-fix-command"]')?.textContent).toBe(command);
    expect(banner()?.textContent).toContain('Operation not permitted');
  });

  it('no capture rights, in Chinese: the translated text with the same command', async () => {
    await act(() => changeLanguage('zh-CN'));
    render(noRights);
    expect(banner()?.textContent).toMatch(/[\u4e00-\u9fff]/);
    expect(banner()?.textContent).toContain(command);
  });

  it('agent crash: says the capture stopped and that the packets captured so far are kept', () => {
    render(crash);
    expect(banner()?.textContent).toContain('was killed (SIGKILL)');
    expect(banner()?.textContent).toContain('packets captured before the problem are kept');
    const before = dismissed;
    act(() => [...container.querySelectorAll('button')].at(-1)?.click());
    expect(dismissed).toBe(before + 1);
  });

  it('a problem the view made itself uses its own namespace, with the English message as fallback', () => {
    render({
      code: 'capture-failed',
      message: 'boom',
      i18nKey: 'timeline:controls.startFailed',
      params: { message: 'boom' },
    });
    expect(banner()?.textContent).toContain('The capture could not start: boom');
    act(() => root?.unmount());
    container.remove();
    render({ code: 'capture-failed', message: 'Plain English.', i18nKey: 'problems.noSuchKey', params: {} });
    expect(banner()?.textContent).toContain('Plain English.');
  });
});
