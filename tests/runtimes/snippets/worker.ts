// src/index.ts (Cloudflare Workers): the key is a secret, `wrangler secret put TOKENHUB_API_KEY`
import { createProxyHandler, type ProxyHandler } from '@tokenhub/image-core/server';

interface Env {
  TOKENHUB_API_KEY: string;
  /** Optional, default https://tokenhub.link. */
  TOKENHUB_BASE_URL?: string;
}

let proxy: ProxyHandler | undefined;

export default {
  fetch(request: Request, env: Env): Promise<Response> {
    // Workers hand the bindings to each request: create the handler once, on the first one.
    proxy ??= createProxyHandler({ apiKey: env.TOKENHUB_API_KEY, baseURL: env.TOKENHUB_BASE_URL });
    return proxy(request);
  },
};
