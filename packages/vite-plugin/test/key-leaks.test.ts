/**
 * `vite build` fails when the key is in any file it emits, however it is written, including the
 * files copied from public/, and when a published (`VITE_`) variable holds it; `vite dev` warns.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build, createServer } from 'vite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tokenhub } from '../src/index.js';
import { createTinyApp, recordingLogger } from './helpers.js';

const apiKey = 'sk-tokenhub-test-4f1c/9a7e+2b8d0c35';
const cleanups: Array<() => Promise<unknown>> = [];
const savedEnv = { ...process.env };

beforeEach(() => {
  delete process.env.TOKENHUB_API_KEY;
  delete process.env.TOKENHUB_BASE_URL;
});

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
  for (const name of Object.keys(process.env)) {
    if (!(name in savedEnv)) delete process.env[name];
  }
});

async function buildFailure(root: string, plugin = tokenhub({ apiKey })): Promise<string> {
  try {
    await build({
      root,
      configFile: false,
      logLevel: 'silent',
      build: { outDir: join(root, 'dist') },
      plugins: [plugin],
    });
  } catch (error) {
    return String(error);
  }
  throw new Error('expected vite build to fail, but it passed');
}

const escapeAll = (text: string) =>
  [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

describe('vite build checks every emitted file', () => {
  it.each([
    ['config.json', 'plain', `{"key":"${apiKey}"}`],
    ['config.json', 'JSON-escaped', `{"key":"${escapeAll(apiKey)}"}`],
    ['settings.json', 'with "\\/"', `{"key":"${apiKey.replace('/', '\\/')}"}`],
    ['redirect.html', 'URL-encoded', `<a href="/x?k=${encodeURIComponent(apiKey)}">x</a>`],
    ['blob.txt', 'base64', Buffer.from(`token=${apiKey}`).toString('base64')],
  ])(
    'fails when public/%s holds the key (%s), without printing it',
    async (file, _how, content) => {
      const root = await createTinyApp();
      await mkdir(join(root, 'public'));
      await writeFile(join(root, 'public', file), content);
      const failure = await buildFailure(root);
      expect(failure).toContain(file);
      expect(failure).toContain('API key');
      expect(failure).not.toContain(apiKey);
      expect(failure).not.toContain(encodeURIComponent(apiKey));
    },
  );

  it('fails when a binary file in public/ carries the key', async () => {
    const root = await createTinyApp();
    await mkdir(join(root, 'public', 'img'), { recursive: true });
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00]),
      Buffer.from(`tEXtComment\0${apiKey}`),
      Buffer.from([0x00, 0x9c, 0xae]),
    ]);
    await writeFile(join(root, 'public', 'img', 'logo.png'), png);
    const failure = await buildFailure(root);
    expect(failure).toContain('img/logo.png');
    expect(failure).not.toContain(apiKey);
  });

  it('fails when a define inlines the key base64-encoded', async () => {
    const root = await createTinyApp();
    await writeFile(join(root, 'src', 'main.js'), 'document.title = atob(__LEAK__);\n');
    let failure = '';
    try {
      await build({
        root,
        configFile: false,
        logLevel: 'silent',
        define: { __LEAK__: JSON.stringify(Buffer.from(apiKey).toString('base64')) },
        build: { outDir: join(root, 'dist'), write: false },
        plugins: [tokenhub({ apiKey })],
      });
    } catch (error) {
      failure = String(error);
    }
    expect(failure).toMatch(/API key would be shipped to the browser in .*\.js/);
    expect(failure).not.toContain(apiKey);
  });

  it('passes a build whose public/ holds no key, and writes it', async () => {
    const root = await createTinyApp();
    await mkdir(join(root, 'public'));
    await writeFile(join(root, 'public', 'robots.txt'), 'User-agent: *\n');
    await build({
      root,
      configFile: false,
      logLevel: 'silent',
      build: { outDir: join(root, 'dist') },
      plugins: [tokenhub({ apiKey })],
    });
    expect(await readdir(join(root, 'dist'))).toContain('robots.txt');
  });
});

describe('a VITE_ variable holding the key', () => {
  it('fails vite build, naming the variable and not the key (from .env)', async () => {
    const root = await createTinyApp();
    await writeFile(
      join(root, '.env'),
      `TOKENHUB_API_KEY=${apiKey}\nVITE_IMAGE_SERVICE_TOKEN=${apiKey}\n`,
    );
    const failure = await buildFailure(root, tokenhub());
    expect(failure).toContain('VITE_IMAGE_SERVICE_TOKEN');
    expect(failure).not.toContain(apiKey);
  });

  it('fails vite build when the published variable holds the key base64-encoded', async () => {
    const root = await createTinyApp();
    process.env.VITE_CONFIG_BLOB = Buffer.from(`{"key":"${apiKey}"}`).toString('base64');
    const failure = await buildFailure(root);
    expect(failure).toContain('VITE_CONFIG_BLOB');
    expect(failure).not.toContain(apiKey);
  });

  it('fails vite build for VITE_TOKENHUB_API_KEY even when no key is configured', async () => {
    const root = await createTinyApp();
    process.env.VITE_TOKENHUB_API_KEY = apiKey;
    const failure = await buildFailure(root, tokenhub());
    expect(failure).toContain('VITE_TOKENHUB_API_KEY');
    expect(failure).not.toContain(apiKey);
  });

  it('warns in vite dev, naming the variable and not the key', async () => {
    const root = await createTinyApp();
    process.env.VITE_SECRET = apiKey;
    const logger = recordingLogger();
    const server = await createServer({
      root,
      configFile: false,
      customLogger: logger,
      server: { port: 0, host: '127.0.0.1' },
      plugins: [tokenhub({ apiKey })],
    });
    cleanups.push(() => server.close());
    const warning = logger.lines.find((line) => line.includes('VITE_SECRET'));
    expect(warning).toContain('import.meta.env');
    expect(logger.lines.join('\n')).not.toContain(apiKey);
  });
});
