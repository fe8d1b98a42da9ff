import { defineConfig } from 'tsdown';

// One browser-safe ESM entry. React and the core stay external: the hook is a thin layer over the
// core's generation store, so the core is shared with anything else of ours on the page.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  dts: true,
  sourcemap: true,
  clean: true,
  external: ['react', 'react/jsx-runtime', '@tokenhub/image-core'],
});
