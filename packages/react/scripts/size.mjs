// Size budget of @tokenhub/image-react: what the hook and provider ADD to an app that already uses
// the core (client + builder), min+gzip, React excluded. size-limit measures the entries of
// .size-limit.json (each against its own limit); this script compares the baseline with the
// baseline plus the hook and fails when the difference exceeds the budget. The difference includes
// the core's generation store, which only the hook pulls in.
import { execFileSync } from 'node:child_process';

// Issue 9's limit: the hook adds at most 2.5 kB. What only some apps use ships with the object
// that turns it on, so an app that does not create it does not pay for it: the image cache
// (`indexedDBImageCache()` / `createImageCache()`), the in-flight journal and resuming after a reload
// (`localStorageAdapter()` / `createInFlightJournal()`), and the progress estimate with its timer
// (`estimateProgress()`). What this measures is the store itself (run lifecycle, history, callbacks,
// warnings) and the provider.
const BUDGET_BYTES = 2500;
const BASELINE = 'baseline: core client + builder';
const WITH_HOOK = 'core client + builder + hook + provider (React excluded)';

let output;
let failed = false;
try {
  output = execFileSync('size-limit', ['--json'], { encoding: 'utf8' });
} catch (error) {
  // size-limit exits 1 when an entry is over its limit but still prints the JSON.
  output = error.stdout;
  failed = true;
}
const entries = JSON.parse(output);
for (const entry of entries) {
  console.log(
    `${entry.passed ? 'ok  ' : 'OVER'} ${entry.name}: ${entry.size} B (limit ${entry.sizeLimit} B)`,
  );
}
const size = (name) => {
  const entry = entries.find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`size-limit entry "${name}" is missing from .size-limit.json`);
  return entry.size;
};
const added = size(WITH_HOOK) - size(BASELINE);
const ok = added <= BUDGET_BYTES;
console.log(
  `${ok ? 'ok  ' : 'OVER'} added by hook + provider on top of core: ${added} B (budget ${BUDGET_BYTES} B)`,
);
if (!ok || failed) process.exit(1);
