// app/api/tokenhub/v1/images/generations/route.ts (Next.js App Router)
import { createProxyHandler, type ProxyHandler } from '@tokenhub/image-core/server';

export const runtime = 'nodejs';
// Generations take 10 to 60 s upstream: allow long requests on your host.
export const maxDuration = 300;

let proxy: ProxyHandler | undefined;

export function POST(request: Request): Promise<Response> {
  // Created on the first request: `next build` loads this module without the server's env.
  proxy ??= createProxyHandler({
    apiKey: process.env.TOKENHUB_API_KEY ?? '', // server side only; a missing key throws here
    baseURL: process.env.TOKENHUB_BASE_URL, // optional, default https://tokenhub.link
    // DURABLE GENERATIONS (not wired yet): pass the generation ledger and
    // `waitUntil` (from `next/server`'s `after` or `@vercel/functions`) here once core has them.
  });
  return proxy(request);
}
