/**
 * Guards that keep the key out of the browser: Vite exposes every env variable whose name starts
 * with one of `envPrefix` through `import.meta.env`, and a `define` could inline it anywhere.
 */

/** Env variable names that would reach the browser through `import.meta.env` under `envPrefix`. */
export function exposedSecretNames(envPrefix: string | string[] | undefined): string[] {
  const prefixes = Array.isArray(envPrefix) ? envPrefix : [envPrefix ?? 'VITE_'];
  return ['TOKENHUB_API_KEY'].filter((name) =>
    prefixes.some((prefix) => prefix !== '' && name.startsWith(prefix)),
  );
}

/** Names of the output files whose content contains `secret`. */
export function filesContaining(
  files: ReadonlyArray<{ fileName: string; content: string | Uint8Array }>,
  secret: string,
): string[] {
  const needle = Buffer.from(secret);
  return files
    .filter((file) =>
      typeof file.content === 'string'
        ? file.content.includes(secret)
        : Buffer.from(file.content).includes(needle),
    )
    .map((file) => file.fileName);
}
