import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The provider's own generateImage suite, unchanged, with `ai` resolved to this package's ai 7
// (the provider package itself develops against ai 6). Run under Node 22: `pnpm test:node22`.
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const ai7 = fileURLToPath(new URL('node_modules/ai/dist/index.js', import.meta.url));

export default defineConfig({
  resolve: { alias: [{ find: /^ai$/, replacement: ai7 }] },
  test: {
    dir: repoRoot,
    include: [
      'packages/ai-sdk-provider/test/generate-image.test.ts',
      'tests/ai-sdk-v7/test/**/*.test.ts',
    ],
    // Room for a loaded 2-core machine (a set of 12 PNGs, the AI SDK's 2 s wait before a retry);
    // nothing here asserts a duration.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
