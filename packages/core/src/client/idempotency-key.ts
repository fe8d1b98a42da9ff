/**
 * Idempotency keys: one per `generateImages` call, sent unchanged on every attempt so the gateway
 * can tell a retry from a new (billable) request.
 */

/**
 * A random UUID v4. Uses `crypto.randomUUID` when present; it is missing on plain-http pages
 * (not a secure context), where `crypto.getRandomValues` still works (every browser and Node 20+
 * have it).
 */
export function createIdempotencyKey(): string {
  const crypto = globalThis.crypto;
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  // Version 4 and the RFC 4122 variant bits.
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return hex.replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
}
