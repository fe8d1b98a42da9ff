/**
 * The body fingerprint the ledger keeps beside each key, so the same key with another body can be
 * refused. SHA-256 in lower-case hex on every runtime, so replicas on different runtimes that share
 * one ledger agree.
 */

/** The part of `node:crypto` the fingerprint uses. */
interface NodeHashing {
  createHash(algorithm: 'sha256'): {
    update(data: string, encoding: 'utf8'): { digest(encoding: 'hex'): string };
  };
  /** One-shot hashing (Node >= 20.12): no `Hash` object per call, about a third of the time. */
  hash?(algorithm: 'sha256', data: string, encoding: 'hex'): string;
}

/**
 * `node:crypto` when the runtime offers it without an import (Node >= 20.16, Bun, Deno:
 * `process.getBuiltinModule`), so this entry still bundles for workerd and browsers. Web Crypto's
 * `digest` is asynchronous and, on Node, hands every call to a worker thread: for the small JSON
 * bodies of a generation that costs about a tenth of the proxy's CPU per request, the synchronous
 * hash a few microseconds.
 */
function nodeHashing(): NodeHashing | undefined {
  const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } })
    .process;
  try {
    const crypto = runtime?.getBuiltinModule?.('node:crypto') as NodeHashing | undefined;
    return typeof crypto?.createHash === 'function' ? crypto : undefined;
  } catch {
    return undefined;
  }
}

/** SHA-256 of a string's UTF-8 bytes in hex, synchronously, where `node:crypto` is at hand. */
function syncSHA256(): ((text: string) => string) | undefined {
  const crypto = nodeHashing();
  if (!crypto) return undefined;
  const { hash } = crypto;
  if (typeof hash === 'function') return (text) => hash('sha256', text, 'hex');
  return (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

const sha256Hex = syncSHA256();

/** The SHA-256 digest of `bodyText` (its UTF-8 bytes) in lower-case hex. */
export async function bodyFingerprint(bodyText: string): Promise<string> {
  if (sha256Hex) return sha256Hex(bodyText);
  const digest = await globalThis.crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(bodyText),
  );
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
