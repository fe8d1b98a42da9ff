/** A minified browser bundle of core's sources (not dist/), so the checks need no build step. */
import { build } from 'esbuild';

const packageRoot = new URL('..', import.meta.url).pathname;

/** What a browser bundle holds. */
export interface BrowserBundle {
  /** The minified code. */
  code: string;
  /** Every module the bundle imported (before tree-shaking), relative to the package. */
  inputs: string[];
  /** The modules with code left in the output after tree-shaking. */
  sourcesWithCode: string[];
}

/**
 * Bundles `entry` (a file of the package) or, with `exports`, those names from `src/index.ts` for
 * the browser, as an app's bundler would. Rejects when the code needs what a browser lacks.
 */
export async function bundleForBrowser(
  from: { entry: string } | { exports: string },
): Promise<BrowserBundle> {
  const result = await build({
    ...('entry' in from
      ? { entryPoints: [from.entry] }
      : {
          stdin: {
            contents: `export { ${from.exports} } from './src/index.ts';`,
            resolveDir: packageRoot,
          },
        }),
    absWorkingDir: packageRoot,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  // Every module imported is an input; only those with bytes in the output survived tree-shaking.
  const output = Object.values(result.metafile.outputs)[0];
  return {
    code: result.outputFiles[0]?.text ?? '',
    inputs: Object.keys(result.metafile.inputs),
    sourcesWithCode: Object.entries(output?.inputs ?? {})
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([source]) => source),
  };
}
