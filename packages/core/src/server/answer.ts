/**
 * What the proxy answers, before it becomes a Web `Response` (`createProxyHandler`) or is written to
 * node:http (`toNodeHandler`, without building Web objects). JSON answers share the ledger's
 * {@link StoredAnswer} shape, so a fresh answer is stored and replayed without a conversion.
 */
import type { StoredAnswer } from './ledger/ledger.js';

/** A JSON answer: status, lower-case headers and the body text. */
export type JSONAnswer = StoredAnswer;

/** A JSON answer, or a `Response` (streamed image files, `authorize`'s own answers). */
export type ProxyReply = JSONAnswer | Response;

/** The Web `Response` of a reply. */
export function toResponse(reply: ProxyReply): Response {
  if (reply instanceof Response) return reply;
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}
