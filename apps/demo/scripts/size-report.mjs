// Production JS size of the demo, gzip, split into React (react, react-dom, scheduler) and our code
// (the app plus the @tokenhub packages). Builds in memory with the demo's own Vite config (where
// React gets a chunk of its own) and fails when our code is over the budget.
// Run: pnpm --filter demo size

import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const BUDGET_BYTES = 40 * 1024;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reactModule = /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/;

const result = await build({ root, logLevel: 'warn', build: { write: false } });
const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
const chunks = outputs.filter((file) => file.type === 'chunk');

const gzip = (code) => gzipSync(code, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

let react = 0;
let ours = 0;
let raw = 0;
const problems = [];
/** Pre-minification bytes of our modules by origin, to show where our code comes from. */
const origins = new Map();
for (const chunk of chunks) {
  const ids = chunk.moduleIds.filter((id) => !id.startsWith('\0'));
  const reactIds = ids.filter((id) => reactModule.test(id));
  const size = gzip(chunk.code);
  raw += chunk.code.length;
  const isReactChunk = reactIds.length > 0 && reactIds.length === ids.length;
  if (!isReactChunk && reactIds.length > 0) {
    problems.push(`${chunk.fileName} mixes React modules with ours; the split would be wrong`);
  }
  if (isReactChunk) react += size;
  else ours += size;
  console.log(
    `${chunk.fileName.padEnd(36)} ${kb(size).padStart(9)} gzip  ${isReactChunk ? 'React' : 'our code'}`,
  );
  if (isReactChunk) continue;
  for (const [id, info] of Object.entries(chunk.modules)) {
    const path = relative(join(root, '..', '..'), id).replaceAll('\\', '/');
    const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(path);
    const origin = dependency
      ? `${dependency[1]} (dependency)`
      : path.startsWith('packages/')
        ? `@tokenhub/${path.split('/')[1]}`
        : path.startsWith('apps/demo/')
          ? 'app (apps/demo/src)'
          : 'other';
    origins.set(origin, (origins.get(origin) ?? 0) + info.renderedLength);
  }
}

const renderedTotal = [...origins.values()].reduce((sum, value) => sum + value, 0) || 1;
console.log('\nour code by origin (share of bytes before minification):');
for (const [origin, bytes] of [...origins].sort((a, b) => b[1] - a[1])) {
  console.log(`  ${origin.padEnd(28)} ${((bytes / renderedTotal) * 100).toFixed(0).padStart(3)}%`);
}
console.log(`\nReact (react, react-dom, scheduler): ${kb(react)} gzip`);
console.log(`Our code (app + packages):           ${kb(ours)} gzip (budget ${kb(BUDGET_BYTES)})`);
console.log(`All JS:                              ${kb(react + ours)} gzip, ${kb(raw)} minified`);

if (problems.length > 0) {
  for (const problem of problems) console.error(`size-report: ${problem}`);
  process.exit(1);
}
if (ours > BUDGET_BYTES) {
  console.error(`size-report: our code is ${kb(ours)} gzip, over the ${kb(BUDGET_BYTES)} budget`);
  process.exit(1);
}
