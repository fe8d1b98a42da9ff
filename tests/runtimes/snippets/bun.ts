// server.ts (Bun): bun server.ts
import { createProxyHandler } from '@tokenhub/image-core/server';

const proxy = createProxyHandler({
  apiKey: process.env.TOKENHUB_API_KEY ?? '', // server side only; a missing key throws here
  baseURL: process.env.TOKENHUB_BASE_URL, // optional, default https://tokenhub.link
});

// The handler answers POST /api/tokenhub/v1/images/generations; other paths get 404.
Bun.serve({ port: Number(process.env.PORT ?? 3000), fetch: proxy });
