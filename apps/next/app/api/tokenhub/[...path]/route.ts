// app/api/tokenhub/[...path]/route.ts (Next.js App Router)
import { createProxyHandler, type ProxyHandler } from '@tokenhub/image-core/server';
import { after } from 'next/server';

export const runtime = 'nodejs';
// A generation takes 1 to 2 minutes upstream: allow long requests on your host.
export const maxDuration = 300;

let proxy: ProxyHandler | undefined;

// One handler for every route of the proxy: POST .../v1/images/generations, GET and DELETE
// .../v1/images/generations/{key} (durable generations) and GET .../v1/images/files/{key}/{index}.
function handle(request: Request): Promise<Response> {
  // Created on the first request: `next build` loads this module without the server's env.
  proxy ??= createProxyHandler({
    apiKey: process.env.TOKENHUB_API_KEY ?? '', // server side only; a missing key throws here
    baseURL: process.env.TOKENHUB_BASE_URL, // optional, default https://tokenhub.link
    // Images load from this origin and survive in the browser's cache of the page.
    rewriteImageURLs: true,
    // A generation goes on when the caller leaves (a reload): keep the function alive for it.
    // The default ledger lives in this process; give several instances one `redisLedger()`.
    waitUntil: (promise) => after(promise),
  });
  return proxy(request);
}

export { handle as DELETE, handle as GET, handle as POST };
