import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTokenHubClient } from '../../src/client/client.js';
import { isBrowserEnvironment } from '../../src/client/environment.js';
import { TokenHubError } from '../../src/errors.js';

function pretendToBeABrowser(): void {
  vi.stubGlobal('window', {});
  vi.stubGlobal('document', {});
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('browser guard', () => {
  it('detects a page by window and document', () => {
    expect(isBrowserEnvironment()).toBe(false);
    vi.stubGlobal('window', {});
    expect(isBrowserEnvironment()).toBe(false);
    vi.stubGlobal('document', {});
    expect(isBrowserEnvironment()).toBe(true);
  });

  it('refuses an apiKey in a browser and points to the same-origin proxy', () => {
    pretendToBeABrowser();
    const secret = 'sk-browser-secret-42';
    let caught: unknown;
    try {
      createTokenHubClient({ apiKey: secret });
    } catch (error) {
      caught = error;
    }
    expect(TokenHubError.isInstance(caught)).toBe(true);
    const message = (caught as Error).message;
    expect(message).toContain("baseURL: '/api/tokenhub'");
    expect(message).toContain('dangerouslyAllowBrowser');
    expect(message).not.toContain(secret);
  });

  it('allows a browser client without a key (proxy) and with dangerouslyAllowBrowser', () => {
    pretendToBeABrowser();
    expect(createTokenHubClient({ baseURL: '/api/tokenhub/' }).baseURL).toBe('/api/tokenhub');
    expect(() =>
      createTokenHubClient({ apiKey: 'k', dangerouslyAllowBrowser: true }),
    ).not.toThrow();
  });

  it('allows an apiKey outside a browser', () => {
    expect(() => createTokenHubClient({ apiKey: 'k' })).not.toThrow();
  });
});
