/**
 * Scrubbing the API key out of anything a caller can read, however it is written: the key itself,
 * its base64 forms (standard and URL-safe, with or without padding), and, for JSON, every string
 * the caller would decode (a key written `\u0073k-...` or with `\/` survives a substring replace on
 * the raw text, not one on the parsed values).
 */
import { isRecord } from './is-record.js';

/** What a scrubbed secret becomes. */
export const REDACTED = '[redacted]';

function base64Forms(secret: string): string[] {
  try {
    const standard = btoa(secret).replace(/=+$/, '');
    return [standard, standard.replaceAll('+', '-').replaceAll('/', '_')];
  } catch {
    return []; // not Latin-1: btoa cannot encode it, so no base64 form of it exists to match
  }
}

// The forms of the last secret asked about: a process scrubs one key, many times per answer.
let lastForms: { secret: string; forms: readonly string[] } | undefined;

/** `secret` as written and in its base64 forms. */
function secretForms(secret: string): readonly string[] {
  if (lastForms?.secret !== secret) {
    lastForms = { secret, forms: [secret, ...base64Forms(secret)].filter((form) => form !== '') };
  }
  return lastForms.forms;
}

/** Replaces every occurrence of `secret` (raw or base64) in `text`. */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret) return text;
  let result = text;
  for (const form of secretForms(secret)) {
    if (result.includes(form)) result = result.split(form).join(REDACTED);
  }
  return result;
}

/** A header value with `secret` scrubbed, or `undefined` when absent. */
export function redactHeader(value: string | null, secret: string | undefined): string | undefined {
  return value === null ? undefined : redactSecret(value, secret);
}

/** A parsed JSON value with `secret` scrubbed from every string in it (keys included). */
export function redactJSON(value: unknown, secret: string | undefined): unknown {
  if (!secret) return value;
  if (typeof value === 'string') return redactSecret(value, secret);
  if (Array.isArray(value)) return value.map((item) => redactJSON(item, secret));
  if (!isRecord(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) {
    result[redactSecret(name, secret)] = redactJSON(item, secret);
  }
  return result;
}
