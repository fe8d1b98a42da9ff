import { copyFileSync, mkdirSync } from 'node:fs';
import { defineConfig } from 'tsdown';

// One browser entry. React stays external (a peer dependency, which tsdown never bundles). The stylesheet is plain CSS shipped as
// dist/styles.css: nothing is injected at runtime, users import it.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  dts: true,
  sourcemap: true,
  clean: true,
  hooks: {
    'build:done': () => {
      mkdirSync('dist', { recursive: true });
      copyFileSync('src/styles.css', 'dist/styles.css');
    },
  },
});
