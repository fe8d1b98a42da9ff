import { defineConfig } from 'tsdown';

// Two entries: the bin (`tokenhub-image` -> dist/cli.js) and the programmatic API (dist/index.js).
export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli.ts' },
  format: 'esm',
  platform: 'node',
  target: 'node20',
  dts: true,
  sourcemap: true,
  clean: true,
  // package.json names .js files (the package is "type": "module").
  fixedExtension: false,
});
