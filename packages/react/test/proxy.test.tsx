/**
 * The recommended browser setup end to end: `<TokenHubProvider baseURL="/api/tokenhub">` without a
 * key, the core's same-origin proxy adding the key on the server, the mock gateway requiring it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fireEvent, render, screen } from '@testing-library/react';
import type { FetchFunction } from '@tokenhub/image-core';
import { createProxyHandler, toNodeHandler } from '@tokenhub/image-core/server';
import type { MockGateway } from '@tokenhub/mock-gateway';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { TokenHubProvider, useImageGeneration } from '../src/index.js';
import { scenarios, startGateway } from './helpers.js';

const SERVER_KEY = 'sk-server-only-key';
let gateway: MockGateway;
let proxy: Server;
let pageOrigin: string;
const browserRequests: Array<{ url: string; headers: Record<string, string> }> = [];

beforeAll(async () => {
  gateway = await startGateway({ apiKey: SERVER_KEY });
  const handler = toNodeHandler(createProxyHandler({ apiKey: SERVER_KEY, baseURL: gateway.url }));
  proxy = createServer((request, response) => void handler(request, response));
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  pageOrigin = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterEach(() => {
  gateway.reset();
  browserRequests.length = 0;
});
afterAll(async () => {
  await new Promise((resolve) => proxy.close(resolve));
  await gateway.close();
});

/** The page's fetch: resolves the relative proxy path against the page origin, as a browser does. */
const pageFetch: FetchFunction = (url, init) => {
  browserRequests.push({ url, headers: init.headers });
  return fetch(new URL(url, pageOrigin), init);
};

function Generator() {
  const { generate, stop, isPending, images, error } = useImageGeneration();
  return (
    <div>
      <button type="button" onClick={() => generate(scenarios['image editing'])}>
        Generate
      </button>
      <button type="button" onClick={stop}>
        Stop
      </button>
      {isPending && <p>Generating…</p>}
      {error && <p role="alert">{error.message}</p>}
      {images.map((image) => (
        <img key={image.url} src={image.url} alt="result" />
      ))}
    </div>
  );
}

const renderPage = () =>
  render(
    <TokenHubProvider baseURL="/api/tokenhub" fetch={pageFetch}>
      <Generator />
    </TokenHubProvider>,
  );

test('generates through the proxy; the key only exists on the server side', async () => {
  renderPage();
  fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
  expect(await screen.findByRole('img', { name: 'result' })).toBeTruthy();
  expect(screen.queryByRole('alert')).toBeNull();
  expect(browserRequests).toHaveLength(1);
  expect(browserRequests[0]?.url).toBe('/api/tokenhub/v1/images/generations');
  expect(JSON.stringify(browserRequests[0]?.headers).toLowerCase()).not.toContain('authorization');
  expect(gateway.requests[0]?.headers.authorization).toBe(`Bearer ${SERVER_KEY}`);
});

test('Stop in the page cancels the upstream request behind the proxy', async () => {
  gateway.setLatency(3000);
  renderPage();
  fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
  const upstream = await gateway.waitForRequest();
  fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
  expect(screen.queryByText('Generating…')).toBeNull();
  expect(await upstream.settled).toBe('aborted');
  expect(screen.queryByRole('alert')).toBeNull();
});
