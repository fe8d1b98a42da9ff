import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bundleForBrowser } from './browser-bundle.js';

// Bundles the sources (not dist/), so the check needs no build step and always sees current code.
describe('browser entry', () => {
  it('bundles for the browser without undici or Node built-ins', async () => {
    const { code, inputs } = await bundleForBrowser({ entry: 'src/index.ts' });
    expect(inputs.filter((input) => input.includes('undici'))).toEqual([]);
    expect(inputs.filter((input) => input.startsWith('node:'))).toEqual([]);
    expect(code).not.toContain('undici');
    expect(code).not.toMatch(/["']node:/);
    expect(code).toContain('/v1/images/generations');
    const gzip = gzipSync(code).length;
    console.log(`browser bundle of src/index.ts: ${code.length} B minified, ${gzip} B gzip`);
  });

  it('would catch the Node preset leaking into it (the check can fail)', async () => {
    const outcome = await bundleForBrowser({ entry: 'src/node/index.ts' }).then(
      ({ code, inputs }) =>
        inputs.some((input) => input.includes('undici')) || code.includes('undici'),
      () => true, // esbuild refuses Node built-ins for platform 'browser'
    );
    expect(outcome).toBe(true);
  });
});
