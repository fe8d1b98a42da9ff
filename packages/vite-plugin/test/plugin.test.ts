import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startMockGateway } from '@tokenhub/mock-gateway';
import { build, createServer, preview } from 'vite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tokenhub } from '../src/index.js';
import {
  createTinyApp,
  postGeneration,
  recordingLogger,
  textToImageBody,
  urlOf,
} from './helpers.js';

const apiKey = 'sk-tokenhub-test-4f1c9a7e2b8d0c35';
const cleanups: Array<() => Promise<unknown>> = [];

beforeEach(() => {
  // The developer's real key must not change what these tests see.
  delete process.env.TOKENHUB_API_KEY;
  delete process.env.TOKENHUB_BASE_URL;
});

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('vite dev', () => {
  it('without a key proxies to an in-process mock gateway, says so, and stops it on close', async () => {
    const root = await createTinyApp();
    const logger = recordingLogger();
    const server = await createServer({
      root,
      configFile: false,
      customLogger: logger,
      server: { port: 0, host: '127.0.0.1' },
      plugins: [tokenhub()],
    });
    await server.listen();
    const base = urlOf(server.httpServer);

    const response = await postGeneration(base, textToImageBody);
    expect(response.status).toBe(200);
    const json = (await response.json()) as {
      output: {
        choices: { message: { content: { image: string; upstream_image: string }[] } }[];
      };
    };
    const item = json.output.choices[0]?.message.content[0];
    const line = logger.lines.find((text) => text.includes('[tokenhub]')) ?? '';
    const mockURL = /mock gateway at (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
    expect(mockURL).toBeDefined();
    // By default images load from the page's own origin; the mock's link is kept beside it.
    expect(item?.upstream_image.startsWith(`${mockURL}/`)).toBe(true);
    expect(item?.image).toMatch(/^\/api\/tokenhub\/v1\/images\/files\/[^/]+\/0$/);
    const image = await fetch(`${base}${item?.image}`);
    expect(image.headers.get('content-type')).toBe('image/png');
    await image.arrayBuffer();

    await server.close();
    await expect(fetch(`${mockURL}/v1/images/generations`, { method: 'POST' })).rejects.toThrow();
  });

  it('with a key forwards to the configured base URL with that key, and never prints it', async () => {
    const upstream = await startMockGateway({ apiKey });
    cleanups.push(() => upstream.close());
    const root = await createTinyApp();
    const logger = recordingLogger();
    const server = await createServer({
      root,
      configFile: false,
      customLogger: logger,
      server: { port: 0, host: '127.0.0.1' },
      plugins: [tokenhub({ apiKey, baseURL: upstream.url })],
    });
    cleanups.push(() => server.close());
    await server.listen();
    const base = urlOf(server.httpServer);

    const response = await postGeneration(base, textToImageBody, {
      authorization: 'Bearer browser-supplied-token',
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(apiKey);
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.requests[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(upstream.requests[0]?.body).toEqual(textToImageBody);

    const tokenhubLines = logger.lines.filter((line) => line.includes('[tokenhub]'));
    expect(tokenhubLines).toHaveLength(1);
    expect(tokenhubLines[0]).toContain(`TokenHub at ${upstream.url}`);
    expect(logger.lines.join('\n')).not.toContain(apiKey);
  });

  it('rejects an invalid request with 400 before it reaches the gateway', async () => {
    const upstream = await startMockGateway({ apiKey });
    cleanups.push(() => upstream.close());
    const server = await createServer({
      root: await createTinyApp(),
      configFile: false,
      logLevel: 'silent',
      server: { port: 0, host: '127.0.0.1' },
      plugins: [tokenhub({ apiKey, baseURL: upstream.url })],
    });
    cleanups.push(() => server.close());
    await server.listen();
    const bad = { ...textToImageBody, parameters: { ...textToImageBody.parameters, n: 9 } };
    const response = await postGeneration(urlOf(server.httpServer), bad);
    expect(response.status).toBe(400);
    const json = (await response.json()) as { code: string; message: string };
    expect(json.code).toBe('InvalidParameter');
    expect(json.message).toContain('parameters.n');
    expect(upstream.requests).toHaveLength(0);
  });

  it('says which upstream is in use at __status and forwards __mock/* to the mock gateway', async () => {
    const server = await createServer({
      root: await createTinyApp(),
      configFile: false,
      logLevel: 'silent',
      server: { port: 0, host: '127.0.0.1' },
      plugins: [tokenhub()],
    });
    cleanups.push(() => server.close());
    await server.listen();
    const base = urlOf(server.httpServer);

    const status = await fetch(`${base}/api/tokenhub/__status`);
    expect(await status.json()).toEqual({ upstream: 'mock' });

    const faults = await fetch(`${base}/api/tokenhub/__mock/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ faults: ['503'] }),
    });
    expect(faults.status).toBe(200);
    expect((await postGeneration(base, textToImageBody)).status).toBe(503);
    expect((await postGeneration(base, textToImageBody)).status).toBe(200);
    const list = (await (await fetch(`${base}/api/tokenhub/__mock/requests`)).json()) as {
      status: number;
      body: unknown;
    }[];
    expect(list.map((request) => request.status)).toEqual([503, 200]);
    expect(list[1]?.body).toEqual(textToImageBody);

    await fetch(`${base}/api/tokenhub/__mock/reset`, { method: 'POST' });
    const afterReset = (await (
      await fetch(`${base}/api/tokenhub/__mock/requests`)
    ).json()) as unknown[];
    expect(afterReset).toHaveLength(0);
  });

  it('with a key, __status names TokenHub and its origin but not the key, and __mock/* is absent', async () => {
    const upstream = await startMockGateway({ apiKey });
    cleanups.push(() => upstream.close());
    const server = await createServer({
      root: await createTinyApp(),
      configFile: false,
      logLevel: 'silent',
      server: { port: 0, host: '127.0.0.1' },
      plugins: [tokenhub({ apiKey, baseURL: upstream.url })],
    });
    cleanups.push(() => server.close());
    await server.listen();
    const base = urlOf(server.httpServer);
    const text = await (await fetch(`${base}/api/tokenhub/__status`)).text();
    expect(JSON.parse(text)).toEqual({ upstream: 'tokenhub', baseURL: upstream.url });
    expect(text).not.toContain(apiKey);
    expect((await fetch(`${base}/api/tokenhub/__mock/requests`)).status).toBe(404);
  });

  it('refuses an envPrefix that would publish TOKENHUB_API_KEY to the browser', async () => {
    await expect(
      createServer({
        root: await createTinyApp(),
        configFile: false,
        logLevel: 'silent',
        envPrefix: ['VITE_', 'TOKENHUB_'],
        server: { port: 0, host: '127.0.0.1' },
        plugins: [tokenhub()],
      }),
    ).rejects.toThrow(/TOKENHUB_API_KEY/);
  });
});

describe('vite build and preview', () => {
  it('a production build holds no trace of the key, and preview proxies with it', async () => {
    const upstream = await startMockGateway({ apiKey });
    cleanups.push(() => upstream.close());
    const root = await createTinyApp();
    // The key in both places a developer keeps it: a .env file and the process environment.
    await writeFile(
      join(root, '.env'),
      `TOKENHUB_API_KEY=${apiKey}\nTOKENHUB_BASE_URL=${upstream.url}\n`,
    );
    process.env.TOKENHUB_API_KEY = apiKey;
    const outDir = join(root, 'dist');
    await build({
      root,
      configFile: false,
      logLevel: 'silent',
      build: { outDir },
      plugins: [tokenhub()],
    });

    const files = await listFiles(outDir);
    expect(files.some((file) => file.endsWith('.js'))).toBe(true);
    for (const file of files) {
      const content = await readFile(file, 'utf8');
      expect(content, file).not.toContain(apiKey);
      expect(content, file).not.toContain('TOKENHUB_API_KEY');
    }

    delete process.env.TOKENHUB_API_KEY;
    const logger = recordingLogger();
    const server = await preview({
      root,
      configFile: false,
      customLogger: logger,
      build: { outDir },
      preview: { port: 0, host: '127.0.0.1' },
      plugins: [tokenhub()],
    });
    cleanups.push(() => server.close());
    const response = await postGeneration(urlOf(server.httpServer), textToImageBody);
    expect(response.status).toBe(200);
    // The key came from the .env file, server side only.
    expect(upstream.requests[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(logger.lines.join('\n')).toContain(`TokenHub at ${upstream.url}`);
  });

  it.each([
    ['auto', 'auto'],
    ['true (a key is set but the mock is used)', true],
  ] as const)(
    'fails the build when client code would inline the key (mock: %s)',
    async (_label, mock) => {
      const root = await createTinyApp();
      await writeFile(join(root, 'src', 'main.js'), 'document.title = __LEAK__;\n');
      let failure: unknown;
      try {
        await build({
          root,
          configFile: false,
          logLevel: 'silent',
          define: { __LEAK__: JSON.stringify(apiKey) },
          build: { outDir: join(root, 'dist'), write: false },
          plugins: [tokenhub({ apiKey, mock })],
        });
      } catch (error) {
        failure = error;
      }
      expect(String(failure)).toMatch(/API key would be shipped to the browser in .*\.js/);
      expect(String(failure)).not.toContain(apiKey);
    },
  );
});
