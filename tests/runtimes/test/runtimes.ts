/** Where `pnpm install` put the other runtimes (tools/runtimes), and how the tests start them. */
import { fileURLToPath } from 'node:url';

const bin = (path: string) =>
  fileURLToPath(new URL(`../../../tools/runtimes/${path}`, import.meta.url));

/** The runtime binaries from the npm registry (see tools/runtimes/package.json). */
export const runtimeBinaries = {
  bun: bin('node_modules/.bin/bun'),
  deno: bin('node_modules/.bin/deno'),
  workerd: bin('node_modules/.bin/workerd'),
};

/** This package's directory: the runtimes resolve `@tokenhub/image-core` from its node_modules. */
export const packageDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * Deno flags for the snippets: network and env only. Sloppy imports let Deno's type-free loader
 * accept the workspace link of the core (a local path, not an npm: package) exactly as npm's would.
 */
export const denoRunFlags = ['run', '--allow-net', '--allow-env', '--unstable-sloppy-imports'];
