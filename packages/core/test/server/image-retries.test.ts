/**
 * The proxy's image fetches (the copy into its image store, and the same-origin file route) against
 * a real loopback image host that fails on purpose: a dropped connection or a retryable status must
 * not cost the only copy that outlives the signed link, nor show the caller a broken image.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileImageStore } from '../../src/node/file-image-store.js';
import { serveImageFile } from '../../src/server/files/image-files.js';
import { keepImages } from '../../src/server/files/keep-images.js';
import { memoryLedger } from '../../src/server/ledger/memory-ledger.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

/** How the host fails the first tries of each path: a dropped connection, or a status. */
type Failure = 'drop' | number;

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An image host whose first `failures` requests of each path fail with `failure`, then serve PNG. */
async function imageHost(failures: number, failure: Failure) {
  const tries = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '';
    const count = (tries.get(path) ?? 0) + 1;
    tries.set(path, count);
    if (count > failures) response.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    else if (failure === 'drop') request.socket.destroy();
    else response.writeHead(failure).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { links: [`${origin}/a.png?Expires=1`, `${origin}/b.png?Expires=1`], tries };
}

async function keepAll(links: readonly string[]) {
  const dir = await mkdtemp(join(tmpdir(), 'tokenhub-keep-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const store = fileImageStore({ dir });
  const report = await keepImages({ store, fetch: globalThis.fetch, id: 'call-1', links });
  const kept = await Promise.all(
    links.map(async (_, index) => {
      const image = await store.get('call-1', index);
      return image ? Buffer.from(await new Response(image.body).arrayBuffer()) : undefined;
    }),
  );
  return { report, kept };
}

describe('keepImages over a failing image host', () => {
  it('keeps every image when the first connection of each drops', async () => {
    const host = await imageHost(1, 'drop');
    const { report, kept } = await keepAll(host.links);
    expect(report).toEqual({ kept: 2, failed: 0 });
    expect(kept).toEqual([PNG, PNG]);
    expect([...host.tries.values()]).toEqual([2, 2]);
  });

  it('tries a 503 again and keeps the image', async () => {
    const host = await imageHost(2, 503);
    const { report, kept } = await keepAll(host.links.slice(0, 1));
    expect(report).toEqual({ kept: 1, failed: 0 });
    expect(kept).toEqual([PNG]);
    expect([...host.tries.values()]).toEqual([3]);
  });

  it('gives up after two more tries, and reports the failure without the link', async () => {
    const host = await imageHost(Number.POSITIVE_INFINITY, 'drop');
    const { report, kept } = await keepAll(host.links.slice(0, 1));
    expect(report).toMatchObject({
      kept: 0,
      failed: 1,
      error: expect.stringMatching(/^image 0: /),
    });
    expect(report.error).not.toContain('127.0.0.1');
    expect(kept).toEqual([undefined]);
    expect([...host.tries.values()]).toEqual([3]);
  });

  it('does not try a 404 again', async () => {
    const host = await imageHost(1, 404);
    const { report } = await keepAll(host.links.slice(0, 1));
    expect(report).toEqual({
      kept: 0,
      failed: 1,
      error: 'image 0: the image host answered HTTP 404',
    });
    expect([...host.tries.values()]).toEqual([1]);
  });
});

describe('the same-origin file route over a failing image host', () => {
  /** Serves image 0 of a generation whose stored answer links to `link`. */
  async function serveFirstImage(link: string): Promise<Response> {
    const ledger = memoryLedger();
    const claim = await ledger.claim('alice\u0000key-1', 'fingerprint', 60_000);
    if (!claim.claimed) throw new Error('the fresh ledger did not let the call be claimed');
    const body = JSON.stringify({
      output: { choices: [{ message: { role: 'assistant', content: [{ image: link }] } }] },
    });
    await ledger.complete('alice\u0000key-1', claim.lease, { status: 200, body, headers: {} });
    return serveImageFile({
      request: new Request('http://127.0.0.1/api/tokenhub/v1/images/files/key-1/0'),
      id: 'alice\u0000key-1',
      index: 0,
      ledger,
      imageStore: undefined,
      fetch: globalThis.fetch,
    });
  }

  it('streams the image when the first connection dropped', async () => {
    const host = await imageHost(1, 'drop');
    const response = await serveFirstImage(host.links[0] ?? '');
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(PNG);
    expect([...host.tries.values()]).toEqual([2]);
  });

  it('answers 502 UpstreamUnavailable after two more tries', async () => {
    const host = await imageHost(Number.POSITIVE_INFINITY, 'drop');
    const response = await serveFirstImage(host.links[0] ?? '');
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ code: 'UpstreamUnavailable' });
    expect([...host.tries.values()]).toEqual([3]);
  });
});
