#!/usr/bin/env node
// The README's deploy snippets are files the tests run (tests/runtimes/snippets, apps/next). Each
// sits in the README between `<!-- snippet: PATH -->` and `<!-- /snippet -->` as a ```ts block.
// `node scripts/docs-snippets.mjs` copies the files in; `--check` fails (exit 1) when the README
// differs from them, naming the stale ones.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const readmePath = `${root}README.md`;
const marker = /<!-- snippet: (\S+) -->\n[\s\S]*?<!-- \/snippet -->/g;

/** The README with every marked block replaced by its file, fenced. */
export function withSnippets(readme) {
  return readme.replace(marker, (_block, path) => {
    const code = readFileSync(`${root}${path}`, 'utf8').trimEnd();
    return `<!-- snippet: ${path} -->\n\`\`\`ts\n${code}\n\`\`\`\n<!-- /snippet -->`;
  });
}

/** Paths of the files the README quotes. */
export function snippetPaths(readme) {
  return [...readme.matchAll(marker)].map((match) => match[1]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const readme = readFileSync(readmePath, 'utf8');
  const updated = withSnippets(readme);
  if (process.argv.includes('--check')) {
    if (updated !== readme) {
      const stale = snippetPaths(readme).filter(
        (path) => !readme.includes(withSnippets(`<!-- snippet: ${path} -->\n<!-- /snippet -->`)),
      );
      console.error(
        `README.md does not match these snippet files: ${stale.join(', ')}\nRun: node scripts/docs-snippets.mjs`,
      );
      process.exit(1);
    }
  } else if (updated !== readme) {
    writeFileSync(readmePath, updated);
    console.log('README.md: snippets updated');
  }
}
