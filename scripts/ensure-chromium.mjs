#!/usr/bin/env node
// Browser tests run in real Chromium. Playwright cannot download its own browser here, so we use
// Debian's: install it when it is missing and we are allowed to (root), otherwise explain how.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
  console.log(`Chromium not found at ${path}; installing Debian's chromium (apt-get)...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execSync('apt-get update -qq && apt-get install -y -qq chromium > /dev/null', {
    stdio: 'inherit',
    env,
  });
  if (existsSync(path)) process.exit(0);
}
console.error(
  `Chromium is required for the browser tests and was not found at ${path}.\n` +
    'Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to its binary.',
);
process.exit(1);
