import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'vite';

/** A valid text-to-image body (the guide's 4.1 example). */
export const textToImageBody = {
  model: 'wan2.7-image-pro',
  input: {
    messages: [{ role: 'user', content: [{ text: 'A flower shop with elegant windows' }] }],
  },
  parameters: { size: '2K', n: 1, watermark: false, thinking_mode: true },
};

/** A tiny app whose client code reads every env variable Vite would expose. */
export async function createTinyApp(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'tokenhub-vite-'));
  await mkdir(join(root, 'src'));
  await writeFile(
    join(root, 'index.html'),
    '<!doctype html><html><body><div id="app"></div><script type="module" src="/src/main.js"></script></body></html>',
  );
  await writeFile(
    join(root, 'src', 'main.js'),
    [
      'const env = import.meta.env;',
      "document.querySelector('#app').textContent = JSON.stringify(env);",
      "fetch('/api/tokenhub/v1/images/generations', { method: 'POST' });",
    ].join('\n'),
  );
  return root;
}

/** A Vite logger that records every line. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record = (message: string) => {
    lines.push(message);
  };
  return {
    lines,
    info: record,
    warn: record,
    warnOnce: record,
    error: record,
    clearScreen: () => undefined,
    hasErrorLogged: () => false,
    hasWarned: false,
  };
}

/** `http://127.0.0.1:<port>` of a listening server. */
export function urlOf(
  server: { address(): AddressInfo | string | null } | null | undefined,
): string {
  const address = server?.address();
  if (!address || typeof address === 'string') throw new Error('server is not listening on TCP');
  return `http://127.0.0.1:${address.port}`;
}

/** POSTs JSON to the dev server's proxy path. */
export function postGeneration(base: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${base}/api/tokenhub/v1/images/generations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}
