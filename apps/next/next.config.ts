import type { NextConfig } from 'next';

const config: NextConfig = {
  reactStrictMode: true,
  // `pnpm typecheck` (tsc over app/ and e2e/) is the type check; skipping Next's second one
  // saves about 40 s of every build on a 2-core machine.
  typescript: { ignoreBuildErrors: true },
  // The workspace root (one lockfile up), so Next does not guess it from another lockfile.
  turbopack: { root: new URL('../..', import.meta.url).pathname },
};

export default config;
