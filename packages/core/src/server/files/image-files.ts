/**
 * Same-origin image files: `GET {prefix}/v1/images/files/{key}/{index}` serves image `index` of a
 * generation the ledger holds for this caller. The bytes come from the image store when it kept
 * them, else from the link in the stored upstream answer (never from a URL the caller supplies).
 */
import { errorResponse } from '../error-response.js';
import type { GenerationLedger } from '../ledger/ledger.js';
import { fetchImage, type ImageFetch } from './fetch-image.js';
import { imageLinks } from './image-links.js';
import { type ByteRange, type ImageStore, type KeptImage, parseByteRange } from './image-store.js';

/** What {@link serveImageFile} needs. */
export interface ImageFileRequest {
  /** The caller's request (for `Range` and `If-None-Match`). */
  request: Request;
  /** The ledger id of the generation (caller scope + key). */
  id: string;
  /** The image index from the path. */
  index: number;
  ledger: GenerationLedger;
  imageStore: ImageStore | undefined;
  /** Fetches upstream image links (the platform `fetch`; redirects are not followed). */
  fetch: ImageFetch;
}

// The bytes at a URL never change: the browser may cache them for good, but only for this user.
const cacheControl = 'private, max-age=31536000, immutable';

const notFound = () =>
  errorResponse(404, 'NotFound', 'no such image here (unknown, expired, or someone else’s)');

/** A strong ETag derived from the generation id and index (never from the key itself). */
async function etagOf(id: string, index: number): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(`${id}#${index}`),
  );
  const hex = Array.from(new Uint8Array(digest).slice(0, 12), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
  return `"${hex}"`;
}

function imageHeaders(etag: string, contentType: string): Headers {
  return new Headers({
    'content-type': contentType.startsWith('image/') ? contentType : 'application/octet-stream',
    'cache-control': cacheControl,
    etag,
    'accept-ranges': 'bytes',
    'x-content-type-options': 'nosniff',
  });
}

function keptResponse(kept: KeptImage, etag: string): Response {
  const headers = imageHeaders(etag, kept.contentType);
  if (kept.range) {
    headers.set('content-range', `bytes ${kept.range.start}-${kept.range.end}/${kept.size}`);
    headers.set('content-length', String(kept.range.end - kept.range.start + 1));
    return new Response(kept.body, { status: 206, headers });
  }
  headers.set('content-length', String(kept.size));
  return new Response(kept.body, { status: 200, headers });
}

/** The upstream link of image `index` of a finished generation, when the ledger holds one. */
async function upstreamLink(
  ledger: GenerationLedger,
  id: string,
  index: number,
): Promise<string | undefined> {
  const entry = await ledger.get(id);
  if (entry?.state !== 'done' || !entry.answer || entry.answer.status >= 300) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(entry.answer.body);
  } catch {
    return undefined;
  }
  const link = imageLinks(json)[index];
  return link && /^https?:\/\//i.test(link) ? link : undefined;
}

/** The bytes `range.start..range.end` (inclusive) of a stream, without buffering it. */
function sliceBytes(
  body: ReadableStream<Uint8Array>,
  range: ByteRange,
): ReadableStream<Uint8Array> {
  let offset = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const from = Math.max(range.start - offset, 0);
        const to = Math.min(range.end + 1 - offset, chunk.length);
        offset += chunk.length;
        if (from < to) controller.enqueue(chunk.subarray(from, to));
        if (offset > range.end) controller.terminate();
      },
    }),
  );
}

/** Serves one image file; see the module comment. */
export async function serveImageFile(input: ImageFileRequest): Promise<Response> {
  const { request, id, index } = input;
  const etag = await etagOf(id, index);
  const rangeHeader = request.headers.get('range');

  if (input.imageStore) {
    const kept = await input.imageStore.get(id, index).catch(() => undefined);
    if (kept) {
      const conditional = request.headers.get('if-none-match') === etag;
      if (!conditional && !rangeHeader) return keptResponse(kept, etag);
      await kept.body.cancel().catch(() => undefined);
      if (conditional) {
        return new Response(null, { status: 304, headers: imageHeaders(etag, kept.contentType) });
      }
      const range = parseByteRange(rangeHeader, kept.size);
      if (range === 'unsatisfiable') {
        return new Response(null, {
          status: 416,
          headers: { 'content-range': `bytes */${kept.size}` },
        });
      }
      const served = await input.imageStore.get(id, index, range).catch(() => undefined);
      if (served) return keptResponse(served, etag);
    }
  }

  const link = await upstreamLink(input.ledger, id, index).catch(() => undefined);
  if (!link) return notFound();
  if (request.headers.get('if-none-match') === etag) {
    return new Response(null, { status: 304, headers: imageHeaders(etag, 'image/png') });
  }
  let upstream: Response;
  try {
    upstream = await fetchImage(input.fetch, link, {
      headers: rangeHeader ? { range: rangeHeader } : {},
      signal: request.signal,
    });
  } catch {
    return errorResponse(502, 'UpstreamUnavailable', 'could not fetch the image');
  }
  if (upstream.status === 200 || upstream.status === 206) {
    const headers = imageHeaders(etag, upstream.headers.get('content-type') ?? '');
    const length = Number(upstream.headers.get('content-length') ?? Number.NaN);
    // An image host that ignores `Range` sends everything: cut the range out here.
    const range =
      upstream.status === 200 && Number.isSafeInteger(length)
        ? parseByteRange(rangeHeader, length)
        : undefined;
    if (range === 'unsatisfiable') {
      await upstream.body?.cancel().catch(() => undefined);
      return new Response(null, { status: 416, headers: { 'content-range': `bytes */${length}` } });
    }
    if (range && upstream.body) {
      headers.set('content-range', `bytes ${range.start}-${range.end}/${length}`);
      headers.set('content-length', String(range.end - range.start + 1));
      return new Response(sliceBytes(upstream.body, range), { status: 206, headers });
    }
    for (const name of ['content-length', 'content-range']) {
      const value = upstream.headers.get(name);
      if (value !== null) headers.set(name, value);
    }
    return new Response(upstream.body, { status: upstream.status, headers });
  }
  await upstream.body?.cancel().catch(() => undefined);
  if (upstream.status === 416) return new Response(null, { status: 416 });
  if (upstream.status === 403 || upstream.status === 404 || upstream.status === 410) {
    return errorResponse(
      410,
      'ImageExpired',
      'the signed link of this image has expired and no copy was kept (configure an imageStore)',
    );
  }
  return errorResponse(502, 'BadGateway', `the image host answered HTTP ${upstream.status}`);
}
