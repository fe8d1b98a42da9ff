#!/usr/bin/env node
// The tests use two Debian programs: Chromium (browser tests; Playwright cannot download its own
// browser here) and redis-server (the Redis ledger and two-replica tests start their own).
// Install what is missing when we are allowed to (root with apt-get), otherwise explain how.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const onPath = (name) => {
  try {
    execSync(`command -v ${name}`, { stdio: 'ignore', shell: '/bin/sh' });
    return true;
  } catch {
    return false;
  }
};
const missing = () => [
  ...(existsSync(chromium) ? [] : ['chromium']),
  ...(onPath(process.env.REDIS_SERVER ?? 'redis-server') ? [] : ['redis-server']),
];

let packages = missing();
if (packages.length === 0) process.exit(0);

if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
  console.log(`Installing Debian's ${packages.join(' and ')} for the tests (apt-get)...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execSync(`apt-get update -qq && apt-get install -y -qq ${packages.join(' ')} > /dev/null`, {
    stdio: 'inherit',
    env,
  });
  packages = missing();
  if (packages.length === 0) process.exit(0);
}
console.error(
  `The tests need ${packages.join(' and ')}, not found (Chromium at ${chromium}).\n` +
    `Install it (Debian/Ubuntu: sudo apt-get install ${packages.join(' ')}); ` +
    'or set CHROMIUM_PATH / REDIS_SERVER to the binaries.',
);
process.exit(1);
