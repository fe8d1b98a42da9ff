// server.ts (Hono on Node; on Bun, Deno or Workers export `app` instead of calling serve)
import { serve } from '@hono/node-server';
import { createProxyHandler } from '@tokenhub/image-core/server';
import { Hono } from 'hono';

const proxy = createProxyHandler({
  apiKey: process.env.TOKENHUB_API_KEY ?? '', // server side only; a missing key throws here
  baseURL: process.env.TOKENHUB_BASE_URL, // optional, default https://tokenhub.link
});

const app = new Hono();
app.post('/api/tokenhub/v1/images/generations', (c) => proxy(c.req.raw));
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000) });
