import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

const root = fileURLToPath(new URL('..', import.meta.url));

test('a production build made while TOKENHUB_API_KEY is set holds no trace of the key', () => {
  const key = `sk-demo-build-${randomUUID()}`;
  const outDir = mkdtempSync(join(tmpdir(), 'tokenhub-demo-build-'));
  try {
    const result = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--outDir',
        outDir,
        '--emptyOutDir',
      ],
      { cwd: root, env: { ...process.env, TOKENHUB_API_KEY: key }, encoding: 'utf8' },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(`${result.stdout}${result.stderr}`).not.toContain(key);
    const files = readdirSync(outDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
    expect(files.some((file) => file.endsWith('.js'))).toBe(true);
    expect(files.some((file) => file.endsWith('index.html'))).toBe(true);
    const withKey = files.filter((file) => readFileSync(file).includes(key));
    expect(withKey).toEqual([]);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});
