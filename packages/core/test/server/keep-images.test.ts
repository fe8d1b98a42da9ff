/**
 * The proxy's copy of fresh images into its image store, against a real loopback image host that
 * fails on purpose: a dropped connection or a retryable status must not cost the only copy that
 * outlives the signed link.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileImageStore } from '../../src/node/file-image-store.js';
import { keepImages } from '../../src/server/files/keep-images.js';

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
