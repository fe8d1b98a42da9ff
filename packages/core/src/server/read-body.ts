/** Reading a request body with a byte cap, without ever holding more than the cap in memory. */

/** The outcome of {@link readBodyCapped}. */
export type CappedBody =
  | { ok: true; bytes: Uint8Array<ArrayBuffer> }
  | { ok: false; reason: 'too-large' };

/** Joins `chunks` (`total` bytes in all) into one array; a body of one chunk is that chunk. */
export function concat(chunks: readonly Uint8Array[], total: number): Uint8Array<ArrayBuffer> {
  const [first] = chunks;
  if (chunks.length === 1 && first) return first as Uint8Array<ArrayBuffer>;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Reads the whole body unless it exceeds `maxBytes`: a declared `Content-Length` over the cap is
 * refused before reading, and a stream that grows past it is cancelled at the first chunk over.
 */
export async function readBodyCapped(
  message: Pick<Request, 'headers' | 'body'>,
  maxBytes: number,
): Promise<CappedBody> {
  const declared = message.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) {
    await message.body?.cancel().catch(() => undefined);
    return { ok: false, reason: 'too-large' };
  }
  if (!message.body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = message.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, reason: 'too-large' };
    }
    chunks.push(value);
  }
  return { ok: true, bytes: concat(chunks, total) };
}
