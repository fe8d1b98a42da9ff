import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { canaryKey } from './setup';

const staticDir = fileURLToPath(new URL('../.next/static/', import.meta.url));

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

test('no built client asset holds the key the build saw, in any common encoding', async () => {
  const files = await filesUnder(staticDir);
  // The check means something only if the client bundle is there.
  expect(files.filter((file) => file.endsWith('.js')).length).toBeGreaterThan(0);
  const encodings = [
    canaryKey,
    Buffer.from(canaryKey).toString('base64'),
    Buffer.from(canaryKey).toString('base64url'),
    Buffer.from(canaryKey).toString('hex'),
    [...canaryKey].reverse().join(''),
    encodeURIComponent(canaryKey),
  ];
  const leaks: string[] = [];
  for (const file of files) {
    const content = (await readFile(file)).toString('latin1');
    for (const encoded of encodings)
      if (content.includes(encoded)) leaks.push(`${file}: ${encoded}`);
  }
  expect(leaks).toEqual([]);
});

test('the page the server renders holds no key either', async ({ request }) => {
  const html = await (await request.get('/')).text();
  expect(html).not.toContain(canaryKey);
  expect(html).not.toContain('TOKENHUB_API_KEY');
});
