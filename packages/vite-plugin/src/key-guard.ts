/**
 * Guards that keep the key out of the browser: Vite exposes every env variable whose name starts
 * with one of `envPrefix` through `import.meta.env`, a `define` could inline the key anywhere, and
 * `public/` is copied to the output as it is. The key may hide in an encoding, so every check goes
 * through {@link findSecret}.
 */

/** The ways of writing the key that {@link findSecret} recognises. */
export type SecretEncoding = 'plain' | 'escaped' | 'url-encoded' | 'base64';

/** Env variable names that would reach the browser through `import.meta.env` under `envPrefix`. */
export function exposedSecretNames(envPrefix: string | string[] | undefined): string[] {
  const prefixes = Array.isArray(envPrefix) ? envPrefix : [envPrefix ?? 'VITE_'];
  return ['TOKENHUB_API_KEY'].filter((name) =>
    prefixes.some((prefix) => prefix !== '' && name.startsWith(prefix)),
  );
}

// Shorter keys would match base64 text by chance; real keys are far longer.
const minimumBase64KeyLength = 8;

/**
 * The base64 spellings of `secret` wherever it sits in a longer base64 text: its bytes start at one
 * of three offsets within a 3-byte group, and only whole groups of the secret's own bytes give a
 * fixed run of characters. Both alphabets (standard and URL-safe), without padding.
 */
function base64Needles(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  if (bytes.length < minimumBase64KeyLength) return [];
  const needles = new Set<string>();
  for (const skip of [0, 1, 2]) {
    const aligned = bytes.subarray(skip);
    const whole = aligned.subarray(0, aligned.length - (aligned.length % 3));
    const standard = btoa(String.fromCharCode(...whole));
    needles.add(standard);
    needles.add(standard.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...needles];
}

/** `\u0073`, `\u{73}`, `\x73`, `\/`, `\"` ... (JSON and JavaScript string escapes) decoded. */
function unescapeStrings(text: string): string {
  const simple: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
  return text.replace(
    /\\(?:u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|([\s\S]))/g,
    (_match, braced?: string, unicode?: string, hex?: string, other?: string) => {
      const code = braced ?? unicode ?? hex;
      if (code !== undefined) {
        const point = Number.parseInt(code, 16);
        return point <= 0x10ffff ? String.fromCodePoint(point) : '';
      }
      return simple[other as string] ?? (other as string);
    },
  );
}

/** `&#115;` and `&#x73;` (HTML numeric character references) decoded. */
function unescapeHtml(text: string): string {
  return text.replace(
    /&#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}));?/g,
    (match, hex?: string, dec?: string) => {
      const point = hex !== undefined ? Number.parseInt(hex, 16) : Number(dec);
      return point <= 0x10ffff ? String.fromCodePoint(point) : match;
    },
  );
}

/** `%73` (percent-encoding, any case) decoded byte by byte, so a malformed sequence never throws. */
function unescapePercent(text: string): string {
  const decoded = text.replace(/%([0-9a-fA-F]{2})/g, (_match, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
  // Multi-byte UTF-8 sequences came out as one char per byte: read them again as UTF-8.
  return /[\x80-\xff]/.test(decoded) && decoded !== text
    ? new TextDecoder().decode(Uint8Array.from(decoded, (char) => char.charCodeAt(0) & 0xff))
    : decoded;
}

/**
 * How `secret` is written in `text`, or undefined when it is not: as it is, JSON/JavaScript- or
 * HTML-escaped (`\u0073k-...`, `\/`, `&#x73;`), percent-encoded (`sk%2D...`) or base64 (standard
 * or URL-safe, at any offset of a longer base64 text). An empty secret is never found.
 */
export function findSecret(text: string, secret: string): SecretEncoding | undefined {
  if (secret.length === 0) return undefined;
  if (text.includes(secret)) return 'plain';
  if (text.includes('\\') && unescapeStrings(text).includes(secret)) return 'escaped';
  if (text.includes('&#') && unescapeHtml(text).includes(secret)) return 'escaped';
  if (text.includes('%') && unescapePercent(text).includes(secret)) return 'url-encoded';
  if (base64Needles(secret).some((needle) => text.includes(needle))) return 'base64';
  return undefined;
}

/** Names of the files whose content holds `secret` in any encoding {@link findSecret} knows. */
export function filesContaining(
  files: ReadonlyArray<{ fileName: string; content: string | Uint8Array }>,
  secret: string,
): string[] {
  const decoder = new TextDecoder();
  return files
    .filter((file) => {
      // Binary files too: invalid UTF-8 becomes U+FFFD, and the key's ASCII bytes stay as they are.
      const text = typeof file.content === 'string' ? file.content : decoder.decode(file.content);
      return findSecret(text, secret) !== undefined;
    })
    .map((file) => file.fileName);
}

/**
 * Names of the env variables Vite publishes to the page (`import.meta.env`) that hold `secret` in
 * any encoding, or that are named like the key (`VITE_TOKENHUB_API_KEY`) whatever they hold.
 */
export function publishedSecretVariables(
  published: Record<string, unknown>,
  secret: string | undefined,
): string[] {
  return Object.entries(published)
    .filter(
      ([name, value]) =>
        /TOKENHUB_API_KEY$/.test(name) ||
        (secret !== undefined &&
          typeof value === 'string' &&
          findSecret(value, secret) !== undefined),
    )
    .map(([name]) => name);
}
