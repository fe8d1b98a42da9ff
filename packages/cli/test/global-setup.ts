/**
 * The end-to-end tests spawn the built bin. turbo builds dependencies before `test`, not the
 * package itself, so rebuild here when dist/cli.js is missing or older than a source file.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function newestSource(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((entry) =>
      entry.isDirectory()
        ? newestSource(join(dir, entry.name))
        : statSync(join(dir, entry.name)).mtimeMs,
    ),
  );
}

export default function setup(): void {
  let built = 0;
  try {
    built = statSync(join(root, 'dist', 'cli.js')).mtimeMs;
  } catch {
    built = 0;
  }
  if (built < newestSource(join(root, 'src'))) {
    execFileSync('pnpm', ['exec', 'tsdown', '--log-level', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    });
  }
}
