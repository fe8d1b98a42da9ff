/** `path` extended by one key: `input` + `messages` is `input.messages`, + `0` is `input.messages[0]`. */
export function joinPath(path: string, key: PropertyKey): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${String(key)}` : String(key);
}

/** Formats a path array as `input.messages[0].content[2].image`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(joinPath, '');
}
