/** The README's Deploy section quotes, verbatim, the snippet files the other tests run. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { snippetPaths, withSnippets } from '../../../scripts/docs-snippets.mjs';

const readme = readFileSync(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');

it('quotes one snippet per runtime', () => {
  expect(snippetPaths(readme)).toEqual([
    'apps/next/app/api/tokenhub/[...path]/route.ts',
    'tests/runtimes/snippets/express.ts',
    'tests/runtimes/snippets/hono.ts',
    'tests/runtimes/snippets/bun.ts',
    'tests/runtimes/snippets/deno.ts',
    'tests/runtimes/snippets/worker.ts',
  ]);
});

it('holds each snippet file exactly as the tests run it', () => {
  expect(withSnippets(readme)).toBe(readme);
});
