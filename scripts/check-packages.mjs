#!/usr/bin/env node
// Runs publint --strict and attw (esm-only profile) on every publishable package, so what we ship
// resolves the same in Node, bundlers and TypeScript. Packages must be built first.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules/.bin', name);
const failures = [];

for (const dir of readdirSync(join(root, 'packages')).sort()) {
  const cwd = join(root, 'packages', dir);
  const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
  if (pkg.private) continue;
  for (const [tool, args] of [
    ['publint', ['--strict']],
    ['attw', ['--pack', '.', '--profile', 'esm-only', '--format', 'table-flipped']],
  ]) {
    process.stdout.write(`${pkg.name}: ${tool} ... `);
    try {
      execFileSync(bin(tool), args, { cwd, stdio: 'pipe', encoding: 'utf8' });
      console.log('ok');
    } catch (error) {
      console.log('FAILED');
      console.log(String(error.stdout ?? ''), String(error.stderr ?? ''));
      failures.push(`${pkg.name} (${tool})`);
    }
  }
}
if (failures.length > 0) {
  console.error(`\nPackage checks failed: ${failures.join(', ')}`);
  process.exit(1);
}
console.log('\nAll packages pass publint --strict and attw --profile esm-only.');
