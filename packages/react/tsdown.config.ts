import { defineConfig } from 'tsdown';

// One browser-safe ESM entry. React and the core stay external (tsdown leaves dependencies and
// peer dependencies out): the hook is a thin layer over the core's generation store, so the core is
// shared with anything else of ours on the page. The entry's 'use client' directive is kept for
// React Server Components frameworks.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  dts: true,
  sourcemap: true,
  clean: true,
});
