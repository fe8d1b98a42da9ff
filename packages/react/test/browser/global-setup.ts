import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMockGateway } from '@tokenhub/mock-gateway';
import type { TestProject } from 'vitest/node';

/**
 * How long the mock's image links work (this gateway's and the same-origin proxy's): short, so the
 * tests see them expire, yet long enough that a loaded CI machine keeps a result's bytes before its
 * links die (4 s was not, at load 20).
 */
export const IMAGE_TTL_MS = 8_000;

declare module 'vitest' {
  export interface ProvidedContext {
    /** The mock gateway: its JSON and its images allow CORS (`access-control-allow-origin: *`). */
    gatewayURL: string;
    /** A gateway whose JSON allows CORS but whose image host refuses it, like signed storage links. */
    refusingGatewayURL: string;
    /** How long image links work, in ms. */
    imageTtlMs: number;
  }
}

const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type, idempotency-key',
};

/** The request headers worth forwarding upstream (no hop-by-hop ones). */
function forwardable(headers: IncomingHttpHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of ['content-type', 'idempotency-key', 'authorization']) {
    const value = headers[name];
    if (typeof value === 'string') kept[name] = value;
  }
  return kept;
}

/**
 * A real mock gateway with short-lived links, and in front of it a relay over node:http that
 * answers generations with CORS but serves the images without it (and rewrites the links to itself).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const gateway = await startMockGateway({ host: '127.0.0.1', imageTtlMs: IMAGE_TTL_MS });
  const relay = createServer(async (request, response) => {
    if (request.method === 'OPTIONS') {
      response.writeHead(204, corsHeaders).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const upstream = await fetch(`${gateway.url}${request.url ?? '/'}`, {
      method: request.method ?? 'GET',
      headers: forwardable(request.headers),
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
    });
    const body = Buffer.from(await upstream.arrayBuffer());
    const type = upstream.headers.get('content-type') ?? 'application/octet-stream';
    if (request.url?.startsWith('/images/')) {
      // The image host: no CORS header, so a page may show the image but not read its bytes.
      response.writeHead(upstream.status, { 'content-type': type }).end(body);
      return;
    }
    const text = body.toString('utf8').replaceAll(gateway.url, relayURL);
    response.writeHead(upstream.status, { ...corsHeaders, 'content-type': type }).end(text);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const relayURL = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
  project.provide('gatewayURL', gateway.url);
  project.provide('refusingGatewayURL', relayURL);
  project.provide('imageTtlMs', IMAGE_TTL_MS);
  return async () => {
    relay.closeAllConnections();
    await new Promise<void>((resolve) => relay.close(() => resolve()));
    await gateway.close();
  };
}
