import { defineConfig } from 'tsdown';

// Entries: the browser-safe main entry, the Node preset (undici, files), the server proxy and its
// Redis ledger (its own entry, so only apps that use it load `redis`), and the zod/mini schema (its own entry, so apps that do not import it carry no zod runtime).
// Node-only code must never be reachable from `src/index.ts`; test/browser-entry.test.ts checks it.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    node: 'src/node/index.ts',
    server: 'src/server/index.ts',
    'server-redis': 'src/server/redis.ts',
    schema: 'src/schema.ts',
  },
  format: 'esm',
  // 'node' only marks node: built-ins as external; the main entry imports none (browser-entry test).
  platform: 'node',
  target: 'es2022',
  dts: true,
  fixedExtension: false,
  sourcemap: true,
  clean: true,
});
