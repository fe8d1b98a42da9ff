// server.ts (Express on Node): node server.js, or tsx server.ts
import { createProxyHandler, toNodeHandler } from '@tokenhub/image-core/server';
import express from 'express';

const proxy = createProxyHandler({
  apiKey: process.env.TOKENHUB_API_KEY ?? '', // server side only; a missing key throws here
  baseURL: process.env.TOKENHUB_BASE_URL, // optional, default https://tokenhub.link
});

const app = express();
// Mount the proxy BEFORE express.json(), so the body streams through the size cap.
app.use('/api/tokenhub', toNodeHandler(proxy));
app.use(express.json());
app.listen(Number(process.env.PORT ?? 3000));
