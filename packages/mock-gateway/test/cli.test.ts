import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_USAGE, runCli } from '../src/cli-main.js';
import { postGeneration, textBody } from './helpers.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

describe('tokenhub-mock', () => {
  it('prints where it listens and applies the flags', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mock-cli-'));
    const keyFile = join(dir, 'key');
    writeFileSync(keyFile, 'cli-key\n');
    const { out, io } = capture();
    const run = await runCli(['--port', '0', '--api-key-file', keyFile, '--image-ttl', '1000'], io);
    try {
      expect(out.join('')).toMatch(
        /^TokenHub mock gateway listening on http:\/\/127\.0\.0\.1:\d+\n$/,
      );
      const url = run?.gateway.url ?? '';
      expect(out.join('')).toContain(url);
      expect((await postGeneration(url, textBody('x'))).status).toBe(401);
      expect(
        (await postGeneration(url, textBody('x'), { authorization: 'Bearer cli-key' })).status,
      ).toBe(200);
    } finally {
      await run?.gateway.close();
    }
  });

  it('--verbose logs a line per request to stderr, without the key', async () => {
    const { err, io } = capture();
    const run = await runCli(['--verbose'], io);
    try {
      await postGeneration(run?.gateway.url ?? '', textBody('x'), {
        authorization: 'Bearer hidden-1',
      });
      await expect.poll(() => err.join('')).toMatch(/-> 200/);
      expect(err.join('')).toMatch(/POST \/v1\/images\/generations -> 200/);
      expect(err.join('')).not.toContain('hidden-1');
    } finally {
      await run?.gateway.close();
    }
  });

  it('--help prints usage and starts nothing', async () => {
    const { out, io } = capture();
    expect(await runCli(['--help'], io)).toBeUndefined();
    expect(out.join('')).toBe(CLI_USAGE);
  });

  it('refuses bad flags naming them', async () => {
    const { io } = capture();
    await expect(runCli(['--latency', 'soon'], io)).rejects.toThrow(/--latency/);
    await expect(runCli(['--api-key-file', '/nonexistent/key'], io)).rejects.toThrow(
      /--api-key-file/,
    );
    await expect(runCli(['--bogus'], io)).rejects.toThrow(/bogus/);
  });
});
