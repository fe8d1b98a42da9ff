import { readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type MockGateway, startMockGateway } from '@tokenhub/mock-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './run-cli.js';
import { scenarios, vector } from './scenarios.js';

const apiKey = 'sk-tokenhub-cli-test-9b2e7d41c0';
const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
let gateway: MockGateway;

beforeAll(async () => {
  gateway = await startMockGateway({ apiKey });
});
afterAll(async () => {
  await gateway.close();
});

function curlBody(command: string): unknown {
  const start = command.indexOf("-d '");
  return JSON.parse(command.slice(start + 4, command.lastIndexOf("'")).replaceAll(`'\\''`, "'"));
}

describe('--dry-run', () => {
  it.each(scenarios)('prints exactly the guide vector for $name', async ({ name, args }) => {
    const run = await runCli(['generate', ...args, '--dry-run']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(vector(name));
  });

  it.each(scenarios)(
    'prints a curl command for $name that sends the vector, with the key as a variable',
    async ({ name, args }) => {
      const run = await runCli([
        'generate',
        ...args,
        '--curl',
        '--base-url',
        'https://gateway.example',
      ]);
      expect(run.code).toBe(0);
      expect(
        run.stdout.startsWith("curl -sS 'https://gateway.example/v1/images/generations'"),
      ).toBe(true);
      expect(run.stdout).toContain('Authorization: Bearer $TOKENHUB_API_KEY');
      expect(curlBody(run.stdout)).toEqual(vector(name));
    },
  );

  it('turns a local image file into a data URI after checking its type', async () => {
    const dir = await tempDir();
    const png = join(dir, 'input.png');
    await writeFile(png, Buffer.concat([pngSignature, Buffer.alloc(64, 1)]));
    const run = await runCli(['generate', '--image', png, '--prompt', 'Make it blue', '--dry-run']);
    expect(run.code).toBe(0);
    const body = JSON.parse(run.stdout) as {
      input: { messages: { content: { image?: string }[] }[] };
    };
    expect(
      body.input.messages[0]?.content[0]?.image?.startsWith('data:image/png;base64,iVBORw0KGgo'),
    ).toBe(true);

    // 21 MB (sparse), over the 20 MB limit: refused before it is read.
    const huge = join(dir, 'huge.png');
    await writeFile(huge, pngSignature);
    await truncate(huge, 21 * 1024 * 1024);
    const tooBig = await runCli(['generate', '--image', huge, '--prompt', 'x', '--dry-run']);
    expect(tooBig.code).toBe(2);
    expect(tooBig.stderr).toContain('--image');
    expect(tooBig.stderr).toContain('20 MB');

    const text = join(dir, 'notes.png');
    await writeFile(text, 'not an image at all');
    const bad = await runCli(['generate', '--image', text, '--prompt', 'x', '--dry-run']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--image');
    expect(bad.stderr).toContain('not a JPEG, PNG, BMP or WEBP');
  });

  it('checks a local image by its header: a 100x100 PNG is too small for wan2.7', async () => {
    const dir = await tempDir();
    const small = join(dir, 'small.png');
    const ihdr = Buffer.from('0000000d49484452000000640000006408020000000000000000', 'hex');
    await writeFile(small, Buffer.concat([pngSignature, ihdr]));
    const run = await runCli(['generate', '--image', small, '--prompt', 'x', '--dry-run']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--image');
    expect(run.stderr).toContain(
      'wan2.7-image-pro needs input images from 240 to 8000 pixels on each side; image 1 is 100*100',
    );
  });
});

describe('--mock', () => {
  it.each(scenarios)('runs the $name scenario and saves its images', async ({ name, args }) => {
    const out = await tempDir();
    const run = await runCli(['generate', ...args, '--mock', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const files = (await readdir(out)).filter((file) => file.endsWith('.png'));
    const expected = (vector(name) as { parameters: { n: number } }).parameters.n;
    expect(files.length).toBeGreaterThanOrEqual(1);
    expect(files.length).toBeLessThanOrEqual(expected);
    for (const file of files) {
      const bytes = await readFile(join(out, file));
      expect(bytes.subarray(0, 8).equals(pngSignature)).toBe(true);
      expect(run.stdout).toContain(join(out, file));
    }
    // Nothing but finished files: no temporary leftovers.
    expect((await readdir(out)).length).toBe(files.length);
  });

  it('--json prints a machine-readable result and stays quiet on stderr when not a TTY', async () => {
    const out = await tempDir();
    const run = await runCli([
      'generate',
      '--prompt',
      'A red fox',
      '--n',
      '2',
      '--mock',
      '--json',
      '--out',
      out,
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as {
      ok: boolean;
      requestId: string;
      images: { url: string }[];
      saved: { path: string; bytes: number; contentType: string }[];
    };
    expect(result.ok).toBe(true);
    expect(result.images).toHaveLength(2);
    expect(result.saved.map((file) => file.contentType)).toEqual(['image/png', 'image/png']);
    for (const file of result.saved) {
      expect((await readFile(file.path)).length).toBe(file.bytes);
    }
  });
});

describe('--mock without --out', () => {
  it('prints the links, warns that they die with the command, and they do', async () => {
    const run = await runCli(['generate', '--prompt', 'A red fox', '--mock']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('stop working when it exits; pass --out DIR');
    const url = run.stdout.split('\n').find((line) => line.startsWith('http://127.0.0.1:'));
    expect(url).toBeDefined();
    await expect(fetch(url ?? '')).rejects.toThrow();
  });

  it('warns with --json too (on stderr, stdout stays JSON)', async () => {
    const run = await runCli(['generate', '--prompt', 'A red fox', '--mock', '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('--mock without --out');
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true });
  });

  it('refuses --base-url with --mock, naming the flag and the way to a lasting mock', async () => {
    const before = gateway.requests.length;
    const run = await runCli([
      'generate',
      '--prompt',
      'A red fox',
      '--mock',
      '--base-url',
      gateway.url,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--base-url: cannot be combined with --mock');
    expect(run.stderr).toContain('tokenhub-mock --port');
    expect(gateway.requests.length).toBe(before);
  });
});

describe('against a gateway with a key', () => {
  it('reads the key from TOKENHUB_API_KEY or --api-key-file and never prints it', async () => {
    const fromEnv = await runCli(['generate', '--prompt', 'A fox', '--base-url', gateway.url], {
      TOKENHUB_API_KEY: apiKey,
    });
    expect(fromEnv.code).toBe(0);
    const dir = await tempDir();
    const keyFile = join(dir, 'key.txt');
    await writeFile(keyFile, `${apiKey}\n`);
    const fromFile = await runCli([
      'generate',
      '--prompt',
      'A fox',
      '--base-url',
      gateway.url,
      '--api-key-file',
      keyFile,
    ]);
    expect(fromFile.code).toBe(0);
    expect(gateway.requests.slice(-2).map((request) => request.headers.authorization)).toEqual([
      `Bearer ${apiKey}`,
      `Bearer ${apiKey}`,
    ]);
    for (const run of [fromEnv, fromFile]) expect(run.stdout + run.stderr).not.toContain(apiKey);
  });

  it('exits 2 without a key, 3 on an API error, 4 when the gateway cannot be reached', async () => {
    const noKey = await runCli(['generate', '--prompt', 'A fox', '--base-url', gateway.url]);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('TOKENHUB_API_KEY');

    const wrongKey = await runCli(['generate', '--prompt', 'A fox', '--base-url', gateway.url], {
      TOKENHUB_API_KEY: 'sk-wrong',
    });
    expect(wrongKey.code).toBe(3);
    expect(wrongKey.stderr).toContain('InvalidApiKey');

    const closed = await startMockGateway();
    const deadURL = closed.url;
    await closed.close();
    const unreachable = await runCli(
      ['generate', '--prompt', 'A fox', '--base-url', deadURL, '--retries', '0'],
      {
        TOKENHUB_API_KEY: apiKey,
      },
    );
    expect(unreachable.code).toBe(4);
  });

  it('exits 5 when --out cannot be written, and prints the links of the paid images instead', async () => {
    // A folder inside a file: mkdir fails with ENOTDIR (as root, permissions would not).
    const parent = await tempDir();
    await writeFile(join(parent, 'a-file'), 'not a folder');
    const out = join(parent, 'a-file', 'images');
    const before = gateway.requests.length;
    const run = await runCli(
      ['generate', '--prompt', 'A fox', '--base-url', gateway.url, '--out', out],
      { TOKENHUB_API_KEY: apiKey },
    );
    expect(run.code, run.stderr).toBe(5);
    expect(gateway.requests.length - before).toBe(1);
    expect(run.stderr).toContain('generated but not saved');
    const links = run.stdout.split('\n').filter((line) => line.startsWith(gateway.url));
    expect(links.length).toBeGreaterThanOrEqual(1);
    // The printed link still serves the image: nothing paid for is lost.
    const image = await fetch(links[0] as string);
    expect(image.status).toBe(200);
    expect(
      Buffer.from(await image.arrayBuffer())
        .subarray(0, 8)
        .equals(pngSignature),
    ).toBe(true);
  });

  it('batch: a failing line does not stop the others; summary; requests spaced by --rpm', async () => {
    gateway.reset();
    const dir = await tempDir();
    const prompts = join(dir, 'prompts.txt');
    const tooLong = 'x'.repeat(5001);
    await writeFile(
      prompts,
      ['A red fox', '# a comment', '', tooLong, 'A blue whale', 'A green owl'].join('\n'),
    );
    // The first request that reaches the gateway fails for good (500, no retries).
    gateway.enqueueFault('500');
    const out = join(dir, 'out');
    const run = await runCli(
      [
        'generate',
        '--prompts',
        prompts,
        '--out',
        out,
        '--concurrency',
        '1',
        '--rpm',
        '600',
        '--retries',
        '0',
        '--base-url',
        gateway.url,
      ],
      { TOKENHUB_API_KEY: apiKey },
    );
    expect(run.stderr).toContain('batch: 4 prompts, 2 ok, 2 failed (lines 1, 4)');
    expect(run.stderr).toContain('line 4: error: invalid request');
    expect(run.stderr).toContain('--prompt');
    // Exit code of the first failed line in file order: line 1, an API error.
    expect(run.code).toBe(3);
    expect((await readdir(out)).sort()).toEqual(['line-005-1.png', 'line-006-1.png']);
    // The invalid line never reached the gateway. The --rpm spacing itself is checked on a fake
    // clock in rate-limit.test.ts: arrival times at a gateway on a loaded machine are not a clock.
    expect(gateway.requests).toHaveLength(3);
  });
});

describe('bad input exits 2 naming the flag', () => {
  const cases: Array<[string, string[], string]> = [
    ['a non-integer --n', ['--prompt', 'x', '--n', 'two'], '--n'],
    [
      'a reversed box',
      ['--image', 'https://example.com/a.png', '--prompt', 'x', '--box', '1:50,50,10,10'],
      '--box',
    ],
    [
      'a malformed box',
      ['--image', 'https://example.com/a.png', '--prompt', 'x', '--box', '1:10,10'],
      '--box',
    ],
    [
      'a box on a missing image',
      ['--image', 'https://example.com/a.png', '--prompt', 'x', '--box', '2:1,1,5,5'],
      '--box',
    ],
    ['a --param that is not JSON', ['--prompt', 'x', '--param', 'color=red'], '--param'],
    ['a seed out of range', ['--prompt', 'x', '--seed', '-1'], '--seed'],
    [
      'an unknown flag (a key on the command line)',
      ['--prompt', 'x', '--api-key', 'sk-123'],
      '--api-key',
    ],
    ['a model rule: n over 4', ['--prompt', 'x', '--n', '9'], '--n'],
    [
      'a model rule: 4K with an input image',
      ['--image', 'https://example.com/a.png', '--prompt', 'x', '--size', '4K'],
      '--size',
    ],
    ['a bad --base-url', ['--prompt', 'x', '--base-url', 'file:///etc'], '--base-url'],
    [
      'an image URL with a trailing space',
      ['--image', 'https://example.com/a.png ', '--prompt', 'x'],
      '--image',
    ],
  ];
  it.each(cases)('%s', async (_label, args, flag) => {
    const run = await runCli(['generate', ...args, '--dry-run']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(flag);
    expect(run.stdout).toBe('');
  });
});
