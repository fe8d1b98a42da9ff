/**
 * Saving never loses an image and blames the right thing: name clashes caught before anything is
 * written, local disk failures reported as `file-system` (never retried, never `connection`), name
 * lengths counted in bytes, the settled mode, and the client's retry rule and backoff.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { imageRequest } from '@tokenhub/image-core';
import {
  createTokenHubClient,
  type SaveImageOutcome,
  saveImages,
  saveImagesSettled,
  TokenHubDownloadError,
  TokenHubImageExpiredError,
} from '@tokenhub/image-core/node';
import { afterEach, describe, expect, it } from 'vitest';
import { rejectionOf, useMockGateway } from '../helpers.js';
import { type ImageHost, type Route, startImageHost, streamBytes } from './image-server.js';

const mock = useMockGateway({});
const hosts: ImageHost[] = [];
afterEach(async () => {
  while (hosts.length > 0) await hosts.pop()?.close();
});

async function host(routes: Record<string, Route>): Promise<ImageHost> {
  const started = await startImageHost(routes);
  hosts.push(started);
  return started;
}

const png =
  (size = 2048): Route =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': size });
    streamBytes(res, size);
  };

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'tokenhub-save-hard-'));
}

async function entries(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

function downloadError(error: unknown): TokenHubDownloadError {
  expect(TokenHubDownloadError.isInstance(error), String(error)).toBe(true);
  return error as TokenHubDownloadError;
}

async function twoImages() {
  const client = createTokenHubClient({ baseURL: mock().url });
  const result = await client.generateImages(
    imageRequest('wan2.7-image-pro').text('Two foxes').n(2).size('1K'),
  );
  expect(result.images).toHaveLength(2);
  return result;
}

describe('two images of one call never share a file name', () => {
  it('rejects before writing anything, naming both images, when filename gives one name twice', async () => {
    const result = await twoImages();
    const dir = await tempDir();
    const error = downloadError(
      await rejectionOf(saveImages(result, { dir, filename: (info) => `fox.${info.extension}` })),
    );
    expect(error.reason).toBe('duplicate-filename');
    expect(error.message).toContain('images 1 and 2');
    expect(error.message).toContain('fox.png');
    expect([error.index, error.otherIndex].sort()).toEqual([0, 1]);
    expect(error.retryable).toBe(false);
    expect(await entries(dir)).toEqual([]);
  });

  it('treats names that differ only in letter case as one name', async () => {
    const result = await twoImages();
    const dir = await tempDir();
    const error = downloadError(
      await rejectionOf(
        saveImages(result, {
          dir,
          filename: (info) => (info.index === 0 ? 'Fox.png' : 'fox.PNG'),
        }),
      ),
    );
    expect(error.reason).toBe('duplicate-filename');
    expect(await entries(dir)).toEqual([]);
  });

  it('in settled mode saves the others and reports both clashing images', async () => {
    const server = await host({ '/a.png': png(), '/b.png': png(), '/c.png': png() });
    const dir = await tempDir();
    const outcomes = await saveImagesSettled(
      ['a', 'b', 'c'].map((name) => `${server.origin}/${name}.png`),
      { dir, filename: (info) => (info.index === 1 ? 'keep.png' : 'clash.png') },
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['failed', 'saved', 'failed']);
    for (const outcome of [outcomes[0], outcomes[2]]) {
      const error = outcome?.status === 'failed' ? outcome.error : undefined;
      expect((error as TokenHubDownloadError).reason).toBe('duplicate-filename');
      expect(error?.message).toContain('images 1 and 3');
    }
    expect(await entries(dir)).toEqual(['keep.png']);
  });
});

describe('a local file-system failure is `file-system`, not retried, not `connection`', () => {
  it('a folder below a regular file (ENOTDIR): nothing is downloaded', async () => {
    const server = await host({ '/a.png': png() });
    const parent = await tempDir();
    await writeFile(join(parent, 'not-a-folder'), 'x');
    const error = downloadError(
      await rejectionOf(
        saveImages([`${server.origin}/a.png`], { dir: join(parent, 'not-a-folder', 'out') }),
      ),
    );
    expect(error.reason).toBe('file-system');
    expect(error.code).toBe('ENOTDIR');
    expect(error.retryable).toBe(false);
    expect(server.hits.get('/a.png')).toBeUndefined();
  });

  it('a folder name over the file system limit (ENAMETOOLONG)', async () => {
    const server = await host({ '/a.png': png() });
    const dir = join(await tempDir(), 'd'.repeat(300));
    const error = downloadError(await rejectionOf(saveImages([`${server.origin}/a.png`], { dir })));
    expect(error.reason).toBe('file-system');
    expect(error.code).toBe('ENAMETOOLONG');
  });

  it('a final name taken by a folder (EISDIR on rename): one download, no retry, no leftovers', async () => {
    const server = await host({ '/a.png': png() });
    const dir = await tempDir();
    await mkdir(join(dir, 'image-1.png'));
    const error = downloadError(
      await rejectionOf(saveImages([`${server.origin}/a.png`], { dir, retries: 2 })),
    );
    expect(error.reason).toBe('file-system');
    expect(error.retryable).toBe(false);
    expect(server.hits.get('/a.png')).toBe(1);
    expect(await entries(dir)).toEqual(['image-1.png']);
  });

  it('an unwritable folder (EACCES), saved by a process that file permissions bind', async () => {
    const server = await host({ '/a.png': png() });
    const dir = await tempDir();
    await chmod(dir, 0o555);
    const script = `
      import { saveImages } from '@tokenhub/image-core/node';
      try {
        await saveImages([process.env.URL], { dir: process.env.DIR, retries: 2 });
        console.log(JSON.stringify({ saved: true }));
      } catch (error) {
        console.log(JSON.stringify({ name: error.name, reason: error.reason, code: error.code, retryable: error.retryable }));
      }`;
    // Root writes anywhere: as root (CI), the saver runs without the capabilities that let root
    // ignore file permissions (util-linux's setpriv), still able to read the checkout it runs from.
    const node = [process.execPath, '--input-type=module', '-e', script];
    const command =
      process.getuid?.() === 0
        ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search', '--', ...node]
        : node;
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(command[0] as string, command.slice(1), {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        env: { ...process.env, URL: `${server.origin}/a.png`, DIR: dir },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
      });
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve(stdout) : reject(new Error(`exit ${code}: ${stderr}`)),
      );
    });
    expect(JSON.parse(output)).toEqual({
      name: 'TokenHubDownloadError',
      reason: 'file-system',
      code: 'EACCES',
      retryable: false,
    });
    expect(server.hits.get('/a.png')).toBe(1);
  });
});

describe('file name length is counted in bytes of the real on-disk names', () => {
  it('saves a 250-byte ASCII name (its temporary name fits too)', async () => {
    const server = await host({ '/a.png': png() });
    const dir = await tempDir();
    const name = `${'n'.repeat(246)}.png`;
    const [file] = await saveImages([`${server.origin}/a.png`], { dir, filename: () => name });
    expect(file?.path).toBe(join(dir, name));
    expect(await entries(dir)).toEqual([name]);
  });

  it('refuses 100 "€" (100 UTF-16 units, 300 bytes) as invalid-filename, without retrying', async () => {
    const server = await host({ '/a.png': png() });
    const dir = await tempDir();
    const error = downloadError(
      await rejectionOf(
        saveImages([`${server.origin}/a.png`], { dir, filename: () => `${'€'.repeat(100)}.png` }),
      ),
    );
    expect(error.reason).toBe('invalid-filename');
    expect(error.message).toContain('304 bytes');
    expect(server.hits.get('/a.png')).toBe(1);
    expect(await entries(dir)).toEqual([]);
  });
});

describe('saveImages (fail-fast) after a failure', () => {
  it('rejects with the failure and keeps the files that were complete', async () => {
    const server = await host({
      '/a.png': png(1000),
      '/gone.png': (_req, res) => {
        res.writeHead(410).end();
      },
    });
    const dir = await tempDir();
    const error = await rejectionOf(
      saveImages([`${server.origin}/a.png`, `${server.origin}/gone.png`], { dir, concurrency: 1 }),
    );
    expect(TokenHubImageExpiredError.isInstance(error)).toBe(true);
    expect((error as TokenHubImageExpiredError).index).toBe(1);
    expect(await entries(dir)).toEqual(['image-1.png']);
  });
});

describe('saveImagesSettled: one expired link does not cost the rest', () => {
  it('saves every image it can and reports each outcome in image order', async () => {
    const server = await host({
      '/a.png': png(1000),
      '/gone.png': (_req, res) => {
        res.writeHead(410).end();
      },
      '/c.png': png(3000),
    });
    const dir = await tempDir();
    const outcomes: SaveImageOutcome[] = await saveImagesSettled(
      ['a', 'gone', 'c'].map((name) => `${server.origin}/${name}.png`),
      { dir },
    );
    expect(outcomes.map((outcome) => [outcome.index, outcome.status])).toEqual([
      [0, 'saved'],
      [1, 'failed'],
      [2, 'saved'],
    ]);
    const failed = outcomes[1];
    expect(failed?.status === 'failed' && TokenHubImageExpiredError.isInstance(failed.error)).toBe(
      true,
    );
    expect(await entries(dir)).toEqual(['image-1.png', 'image-3.png']);
    const third = outcomes[2];
    expect(third?.status === 'saved' ? third.file.bytes : 0).toBe(3000);
    expect((await readFile(join(dir, 'image-3.png'))).length).toBe(3000);
  });

  it('saves the images of a mock gateway result whose other link failed', async () => {
    const result = await twoImages();
    const dir = await tempDir();
    const broken = { ...result, images: [result.images[0], { url: 'ftp://127.0.0.1/x.png' }] };
    const outcomes = await saveImagesSettled(
      broken as unknown as Parameters<typeof saveImagesSettled>[0],
      { dir },
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['saved', 'failed']);
    expect(await entries(dir)).toEqual([`${result.requestId}-1.png`]);
  });
});

describe('retries follow the client: its retryable statuses and its jittered backoff', () => {
  it('retries a 409 from the storage, as the client does', async () => {
    const server = await host({
      '/busy.png': (req, res, hit) => {
        if (hit === 1) res.writeHead(409, { 'content-type': 'text/plain' }).end('conflict');
        else png()(req, res, hit);
      },
    });
    const dir = await tempDir();
    const [file] = await saveImages([`${server.origin}/busy.png`], {
      dir,
      retryBackoff: { initialDelayMs: 5, maxDelayMs: 5 },
    });
    expect(server.hits.get('/busy.png')).toBe(2);
    expect(file?.bytes).toBe(2048);
  });

  it('waits retryBackoff between attempts (at least 3/4 of it after jitter)', async () => {
    const times: number[] = [];
    const server = await host({
      '/slow.png': (req, res, hit) => {
        times.push(performance.now());
        if (hit === 1) res.writeHead(503).end();
        else png()(req, res, hit);
      },
    });
    const dir = await tempDir();
    await saveImages([`${server.origin}/slow.png`], {
      dir,
      retryBackoff: { initialDelayMs: 800, maxDelayMs: 800 },
    });
    expect(times).toHaveLength(2);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(600);
  });
});
