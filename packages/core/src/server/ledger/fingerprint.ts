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

const hashing = nodeHashing();

/** The SHA-256 digest of `bodyText` (its UTF-8 bytes) in lower-case hex. */
export async function bodyFingerprint(bodyText: string): Promise<string> {
  if (hashing) return hashing.createHash('sha256').update(bodyText, 'utf8').digest('hex');
  const digest = await globalThis.crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(bodyText),
  );
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
