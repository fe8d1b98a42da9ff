#!/usr/bin/env node
// `pnpm tokenhub-image ...` and `pnpm tokenhub-mock ...` from a clone: a workspace package's bin
// lives in its dist/, which a fresh clone does not have. Build the package (and what it depends
// on) through turbo first, cached after the first run, then run the bin with the caller's args in
// the directory pnpm was called from. turbo's output goes to stderr so stdout stays the bin's own
// (e.g. `--json`).
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bins = {
  'tokenhub-image': { pkg: '@tokenhub/cli', file: 'packages/cli/dist/cli.js' },
  'tokenhub-mock': { pkg: '@tokenhub/mock-gateway', file: 'packages/mock-gateway/dist/cli.js' },
};

const [name, ...args] = process.argv.slice(2);
const bin = bins[name];
if (!bin) {
  console.error(
    `run-bin: unknown bin ${JSON.stringify(name)}; one of ${Object.keys(bins).join(', ')}`,
  );
  process.exit(2);
}
const root = fileURLToPath(new URL('..', import.meta.url));

const build = spawnSync(
  'pnpm',
  [
    'exec',
    'turbo',
    'run',
    'build',
    `--filter=${bin.pkg}...`,
    '--output-logs=errors-only',
    '--log-prefix=none',
  ],
  {
    cwd: root,
    stdio: ['ignore', process.stderr, 'inherit'],
    env: { TURBO_TELEMETRY_DISABLED: '1', ...process.env },
  },
);
if (build.status !== 0) {
  console.error(`run-bin: building ${bin.pkg} failed (see above)`);
  process.exit(build.status ?? 1);
}

// pnpm runs root scripts in the workspace root; INIT_CWD is where the user typed the command, so
// relative paths such as `--out ./images` mean what they expect.
// biome-ignore lint/suspicious/noUndeclaredEnvVars: set by pnpm for this script, which turbo never runs
const cwd = process.env.INIT_CWD ?? process.cwd();
const child = spawn(process.execPath, [`${root}${bin.file}`, ...args], {
  cwd,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
