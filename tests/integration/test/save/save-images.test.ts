import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { imageRequest } from '@tokenhub/image-core';
import {
  createTokenHubClient,
  type SaveProgress,
  saveImages,
  TokenHubDownloadError,
  TokenHubImageExpiredError,
} from '@tokenhub/image-core/node';
import { type MockGateway, startMockGateway } from '@tokenhub/mock-gateway';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf } from '../helpers.js';
import { type ImageHost, PNG_SIGNATURE, startImageHost, streamBytes } from './image-server.js';

const MB = 1024 * 1024;
let mock: MockGateway;
const hosts: ImageHost[] = [];

beforeAll(async () => {
  mock = await startMockGateway();
});
afterAll(async () => {
  await mock.close();
});
afterEach(async () => {
  while (hosts.length > 0) await hosts.pop()?.close();
});

async function host(routes: Parameters<typeof startImageHost>[0]): Promise<ImageHost> {
  const started = await startImageHost(routes);
  hosts.push(started);
  return started;
}

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'tokenhub-save-'));
}

/** Every entry of `dir`, including hidden temporary files. */
async function entries(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

describe('saveImages with images from the mock gateway', () => {
  it('saves every image of a result under <request id>-<n>.png with sizes and types', async () => {
    const client = createTokenHubClient({ baseURL: mock.url });
    const result = await client.generateImages(
      imageRequest('wan2.7-image-pro').text('Four seasons of a cat').sequential().n(4).size('1K'),
    );
    expect(result.images.length).toBeGreaterThanOrEqual(2);
    const dir = await tempDir();
    const progress: SaveProgress[] = [];
    const saved = await saveImages(result, {
      dir,
      concurrency: 2,
      onProgress: (p) => progress.push(p),
    });

    expect(saved.map((file) => file.index)).toEqual(result.images.map((_, index) => index));
    expect(await entries(dir)).toEqual(
      result.images.map((_, index) => `${result.requestId}-${index + 1}.png`).sort(),
    );
    for (const file of saved) {
      const bytes = await readFile(file.path);
      expect(file.path.startsWith(dir)).toBe(true);
      expect(file.contentType).toBe('image/png');
      expect(file.bytes).toBe(bytes.length);
      expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      const downloaded = Buffer.from(
        await (await fetch(result.images[file.index]?.url ?? '')).arrayBuffer(),
      );
      expect(bytes.equals(downloaded)).toBe(true);
    }
    const done = progress
      .filter((p) => p.done)
      .map((p) => p.index)
      .sort();
    expect(done).toEqual(saved.map((file) => file.index));
  });

  it('turns an expired link (410 from the storage) into TokenHubImageExpiredError naming the image', async () => {
    const shortLived = await startMockGateway({ imageTtlMs: 30 });
    try {
      const client = createTokenHubClient({ baseURL: shortLived.url });
      const result = await client.generateImages(
        imageRequest('wan2.7-image-pro').text('A fox').n(1),
      );
      await new Promise((resolve) => setTimeout(resolve, 80));
      const dir = await tempDir();
      const error = await rejectionOf(saveImages(result, { dir }));
      expect(TokenHubImageExpiredError.isInstance(error)).toBe(true);
      const expired = error as TokenHubImageExpiredError;
      expect(expired.index).toBe(0);
      expect(expired.status).toBe(410);
      expect(expired.message).toContain('image 1');
      // The signature of the link is not repeated in the error.
      expect(expired.message).not.toContain('Expires=');
      expect(await entries(dir)).toEqual([]);
    } finally {
      await shortLived.close();
    }
  });
});

describe('saveImages against a loopback image host', () => {
  it('streams a 20 MB image to disk intact', async () => {
    const size = 20 * MB;
    const server = await host({
      '/big.png': (_req, res) => {
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': size });
        streamBytes(res, size);
      },
    });
    const dir = await tempDir();
    const [file] = await saveImages([`${server.origin}/big.png`], { dir });
    expect(file?.bytes).toBe(size);
    expect((await stat(file?.path ?? '')).size).toBe(size);
    const expected = createHash('sha256');
    const generated = Buffer.alloc(64 * 1024, 0x5a);
    for (let sent = 0; sent < size; sent += generated.length) {
      const piece = Buffer.from(generated);
      if (sent === 0) PNG_SIGNATURE.copy(piece, 0);
      expected.update(piece);
    }
    const actual = createHash('sha256')
      .update(await readFile(file?.path ?? ''))
      .digest('hex');
    expect(actual).toBe(expected.digest('hex'));
  });

  it('leaves no file when the connection is reset mid-body', async () => {
    const server = await host({
      '/reset.png': (_req, res) => {
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': 4 * MB });
        streamBytes(res, 4 * MB, (sent) => {
          if (sent < MB) return true;
          res.socket?.destroy();
          return false;
        });
      },
    });
    const dir = await tempDir();
    const error = await rejectionOf(
      saveImages([`${server.origin}/reset.png`], { dir, retries: 0 }),
    );
    expect(TokenHubDownloadError.isInstance(error)).toBe(true);
    expect((error as TokenHubDownloadError).reason).toBe('connection');
    expect(await entries(dir)).toEqual([]);
  });

  it('retries a transient failure (reset, then 503) and saves the complete image', async () => {
    const size = 2 * MB;
    const server = await host({
      '/flaky.png': (_req, res, hit) => {
        if (hit === 1) {
          res.writeHead(200, { 'content-type': 'image/png', 'content-length': size });
          streamBytes(res, size, (sent) => {
            if (sent < size / 2) return true;
            res.socket?.destroy();
            return false;
          });
        } else if (hit === 2) {
          res.writeHead(503, { 'content-type': 'text/plain' }).end('busy');
        } else {
          res.writeHead(200, { 'content-type': 'image/png', 'content-length': size });
          streamBytes(res, size);
        }
      },
    });
    const dir = await tempDir();
    const [file] = await saveImages([`${server.origin}/flaky.png`], { dir, retries: 2 });
    expect(server.hits.get('/flaky.png')).toBe(3);
    expect(file?.bytes).toBe(size);
    expect(await entries(dir)).toEqual(['image-1.png']);
  });

  it('abort stops every download in flight and leaves no file', async () => {
    const stall: Parameters<typeof startImageHost>[0][string] = (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': 8 * MB });
      // Sends 256 KiB, then nothing: only an abort ends these downloads.
      streamBytes(res, 8 * MB, (sent) => sent <= 256 * 1024);
    };
    const server = await host({ '/a.png': stall, '/b.png': stall, '/c.png': stall });
    const dir = await tempDir();
    const controller = new AbortController();
    const started = new Set<number>();
    const promise = saveImages(
      ['a', 'b', 'c'].map((name) => `${server.origin}/${name}.png`),
      {
        dir,
        concurrency: 3,
        signal: controller.signal,
        onProgress: (progress) => {
          started.add(progress.index);
          if (started.size === 3) controller.abort();
        },
      },
    );
    const error = await rejectionOf(promise);
    expect((error as Error).name).toBe('AbortError');
    expect(await entries(dir)).toEqual([]);
    // The sockets of all three downloads are closed.
    await expect.poll(() => server.openConnections(), { timeout: 5000 }).toBe(0);
  });

  it('refuses a non-image content type and an image over maxBytes, leaving no file', async () => {
    const server = await host({
      '/page.png': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>');
      },
      '/chunked.png': (_req, res) => {
        res.writeHead(200, { 'content-type': 'image/png' });
        streamBytes(res, 3 * MB);
      },
      '/declared.png': (_req, res) => {
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': 3 * MB });
        streamBytes(res, 3 * MB);
      },
    });
    const dir = await tempDir();
    const notImage = await rejectionOf(saveImages([`${server.origin}/page.png`], { dir }));
    expect((notImage as TokenHubDownloadError).reason).toBe('not-an-image');
    expect((notImage as Error).message).toContain('text/html');
    for (const path of ['/chunked.png', '/declared.png']) {
      const tooLarge = await rejectionOf(
        saveImages([`${server.origin}${path}`], { dir, maxBytes: MB }),
      );
      expect((tooLarge as TokenHubDownloadError).reason).toBe('too-large');
      expect((tooLarge as Error).message).toContain('maxBytes');
    }
    expect(await entries(dir)).toEqual([]);
  });

  it('only downloads http(s) URLs', async () => {
    const dir = await tempDir();
    for (const url of ['file:///etc/passwd', 'ftp://127.0.0.1/a.png', 'not a url']) {
      const error = await rejectionOf(saveImages([url], { dir }));
      expect((error as TokenHubDownloadError).reason).toBe('unsupported-url');
    }
    expect(await entries(dir)).toEqual([]);
  });

  it('refuses a filename that would leave the directory', async () => {
    const server = await host({
      '/ok.png': (_req, res) => {
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': 1024 });
        streamBytes(res, 1024);
      },
    });
    const dir = await tempDir();
    const error = await rejectionOf(
      saveImages([`${server.origin}/ok.png`], { dir, filename: () => '../escape.png' }),
    );
    expect((error as TokenHubDownloadError).reason).toBe('invalid-filename');
    expect(await entries(dir)).toEqual([]);
  });
});
