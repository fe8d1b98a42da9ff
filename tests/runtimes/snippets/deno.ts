// main.ts (Deno): deno run --allow-net --allow-env main.ts
import { createProxyHandler } from '@tokenhub/image-core/server';

const proxy = createProxyHandler({
  apiKey: Deno.env.get('TOKENHUB_API_KEY') ?? '', // server side only; a missing key throws here
  baseURL: Deno.env.get('TOKENHUB_BASE_URL'), // optional, default https://tokenhub.link
});

// The handler answers POST /api/tokenhub/v1/images/generations; other paths get 404.
Deno.serve({ port: Number(Deno.env.get('PORT') ?? 8000) }, (request) => proxy(request));
