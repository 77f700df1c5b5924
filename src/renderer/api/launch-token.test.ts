// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { apiSocketUrl, takeLaunchToken } from './create-api-client';

describe('launch token in the page URL', () => {
  beforeEach(() => sessionStorage.clear());

  it('takes the token from the fragment, keeps it for reloads and clears it from the address bar', () => {
    history.replaceState(null, '', '/#token=abc_DEF-123');
    expect(takeLaunchToken()).toBe('abc_DEF-123');
    expect(window.location.hash).toBe('#/');
    expect(window.location.href).not.toContain('token');
    history.replaceState(null, '', '/#/packets');
    expect(takeLaunchToken()).toBe('abc_DEF-123');
    expect(window.location.hash).toBe('#/packets');
  });

  it('has no token when the page was opened without one', () => {
    history.replaceState(null, '', '/#/capture');
    expect(takeLaunchToken()).toBeNull();
  });

  it('builds the socket URL on the page host with the token encoded', () => {
    expect(apiSocketUrl({ protocol: 'http:', host: '127.0.0.1:4321' }, 'a+b/c')).toBe(
      'ws://127.0.0.1:4321/api?token=a%2Bb%2Fc',
    );
  });
});
