import { defineConfig } from 'tsdown';

// Node-only plugin: Vite loads it in its own process, never in the browser bundle.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: 'esm',
  platform: 'node',
  target: 'node20',
  dts: true,
  sourcemap: true,
  clean: true,
  // package.json names .js files (the package is "type": "module").
  fixedExtension: false,
});
