/**
 * The proxy's default transport on Node (node:http(s), issue 11 section 5) over HTTPS, as it
 * reaches the real gateway: it verifies the upstream's certificate and sends the key only there.
 * The upstream is a loopback HTTPS server with a self-signed certificate for 127.0.0.1
 * (fixtures/loopback-tls.*, test-only); the proxy runs in a child process so that
 * NODE_EXTRA_CA_CERTS can make Node trust it, or not.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, textToImage } from '../helpers.js';
import { postJSON } from './listen.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

let upstream: Server;
let upstreamURL: string;
const authorizations: string[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  upstream = createServer(
    {
      key: readFileSync(fixture('loopback-tls.key')),
      cert: readFileSync(fixture('loopback-tls.crt')),
    },
    (request, response) => {
      authorizations.push(request.headers.authorization ?? '');
      request.resume();
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          output: {
            choices: [
              {
                finish_reason: 'stop',
                message: { role: 'assistant', content: [{ image: 'https://x.test/a.png' }] },
              },
            ],
          },
          usage: { image_count: 1 },
          request_id: 'tls-upstream',
        }),
      );
    },
  );
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamURL = `https://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const child of children) child.kill();
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});

/** Starts the proxy in a child process; `trust` decides whether Node trusts the upstream. */
async function startProxy(trust: boolean): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('https-proxy-main.ts', import.meta.url))],
    {
      env: {
        ...process.env,
        UPSTREAM_URL: upstreamURL,
        TOKENHUB_API_KEY: API_KEY,
        NODE_EXTRA_CA_CERTS: trust ? fixture('loopback-tls.crt') : '',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.push(child);
  for await (const line of createInterface({ input: child.stdout as NodeJS.ReadableStream })) {
    const { port } = JSON.parse(line) as { port: number };
    return `http://127.0.0.1:${port}/api/tokenhub/v1/images/generations`;
  }
  throw new Error('the proxy process exited before it listened');
}

describe('the default transport over HTTPS', () => {
  it('forwards to an upstream whose certificate Node trusts, with the key', async () => {
    const endpoint = await startProxy(true);
    const before = authorizations.length;
    const answer = await postJSON(endpoint, textToImage());
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).request_id).toBe('tls-upstream');
    expect(authorizations.slice(before)).toEqual([`Bearer ${API_KEY}`]);
  });

  it('refuses an upstream whose certificate it cannot verify: 502, and the key is not sent', async () => {
    const endpoint = await startProxy(false);
    const before = authorizations.length;
    const answer = await postJSON(endpoint, textToImage());
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.text).code).toBe('UpstreamUnavailable');
    expect(authorizations.length).toBe(before);
  });
});
